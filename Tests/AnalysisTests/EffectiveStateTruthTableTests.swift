import AuthShiftCore
import Testing

@testable import Analysis
@testable import Ingest

/// Every combination of the four layers against an oracle written independently of the
/// evaluator: mailbox True/False/null/missing x tenant True/False/missing x policy
/// allow/block/none x security defaults on/off (72 cases).
@Suite struct EffectiveStateTruthTableTests {
    enum MailboxValue: String, CaseIterable {
        case isTrue = "True"
        case isFalse = "False"
        case null
        case missingColumn = "missing"
    }
    enum TenantValue: String, CaseIterable {
        case isTrue = "True"
        case isFalse = "False"
        case noExport = "no export"
    }
    enum PolicyValue: String, CaseIterable { case allow, block, none }

    struct Case: CustomTestStringConvertible, Sendable {
        let mailbox: MailboxValue
        let tenant: TenantValue
        let policy: PolicyValue
        let securityDefaults: Bool
        var testDescription: String {
            "mailbox \(mailbox.rawValue), tenant \(tenant.rawValue), policy \(policy.rawValue), security defaults \(securityDefaults ? "on" : "off")"
        }
    }

    static let cases: [Case] = MailboxValue.allCases.flatMap { m in
        TenantValue.allCases.flatMap { t in
            PolicyValue.allCases.flatMap { p in [false, true].map { Case(mailbox: m, tenant: t, policy: p, securityDefaults: $0) } }
        }
    }

    static let address = "device@contoso.com"
    static func at(_ file: String) -> ExportLocation { ExportLocation(file: file, line: 2) }

    static func snapshot(_ c: Case) -> TenantSnapshot {
        var s = TenantSnapshot()
        let value: ExportedBool =
            switch c.mailbox {
            case .isTrue: .value(true)
            case .isFalse: .value(false)
            case .null: .null
            case .missingColumn: .missingColumn
            }
        s.casMailboxes = [
            CASMailboxSetting(address: address, displayName: nil, smtpClientAuthenticationDisabled: value, location: at("cas.csv"))
        ]
        s.filesByKind[.casMailbox] = ["cas.csv"]
        if c.tenant != .noExport {
            s.transportConfigs = [
                TransportConfigSetting(
                    smtpClientAuthenticationDisabled: .value(c.tenant == .isTrue), allowLegacyTLSClients: .missingColumn,
                    location: at("tc.json"))
            ]
            s.filesByKind[.transportConfig] = ["tc.json"]
        }
        s.authenticationPolicies = [
            AuthenticationPolicySetting(
                name: "Allow", allowBasicAuthSmtp: .value(true), allowBasicAuthPowershell: .value(false), location: at("ap.json")),
            AuthenticationPolicySetting(
                name: "Block", allowBasicAuthSmtp: .value(false), allowBasicAuthPowershell: .value(false), location: at("ap.json")),
        ]
        s.filesByKind[.authenticationPolicy] = ["ap.json"]
        let assigned: String? =
            switch c.policy {
            case .allow: "Allow"
            case .block: "Block"
            case .none: nil
            }
        s.users = [
            UserPolicyAssignment(
                userPrincipalName: address, objectId: "oid-1", otherAddresses: [], authenticationPolicy: assigned,
                recipientTypeDetails: "SharedMailbox", location: at("user.csv"))
        ]
        s.filesByKind[.user] = ["user.csv"]
        s.organizationConfigs = [OrganizationConfigSetting(defaultAuthenticationPolicy: nil, location: at("org.json"))]
        s.filesByKind[.organizationConfig] = ["org.json"]
        s.securityDefaults = [SecurityDefaultsSetting(isEnabled: c.securityDefaults, location: at("sd.json"))]
        s.filesByKind[.securityDefaults] = ["sd.json"]
        s.filesByKind[.conditionalAccessPolicies] = ["ca.json"]
        return s
    }

    /// The rules restated plainly (Set-CASMailbox, Set-TransportConfig, authentication
    /// policies, security defaults).
    static func oracle(_ c: Case) -> (enabled: Bool?, decidedBy: SmtpAuthState.DecidedBy, allowed: Bool?, layers: [BlockingLayer.Layer]) {
        var enabled: Bool?
        var decidedBy = SmtpAuthState.DecidedBy.unknown
        switch c.mailbox {
        case .isTrue:
            enabled = false
            decidedBy = .mailbox
        case .isFalse:
            enabled = true
            decidedBy = .mailbox
        case .missingColumn: enabled = nil
        case .null:
            switch c.tenant {
            case .isTrue:
                enabled = false
                decidedBy = .tenant
            case .isFalse:
                enabled = true
                decidedBy = .tenant
            case .noExport: enabled = nil
            }
        }
        var layers: [BlockingLayer.Layer] = []
        if enabled == false { layers.append(.smtpAuthDisabled) }
        if c.policy == .block { layers.append(.authenticationPolicy) }
        if c.securityDefaults { layers.append(.securityDefaults) }
        let allowed: Bool? = !layers.isEmpty ? false : (enabled == nil ? nil : true)
        return (enabled, decidedBy, allowed, layers)
    }

    @Test(arguments: cases)
    func layersCombineAsDocumented(c: Case) {
        let evaluator = EffectiveStateEvaluator(index: TenantIndex(Self.snapshot(c)))
        let d = evaluator.evaluate(Self.address)
        let expected = Self.oracle(c)
        #expect(d.smtpAuth.enabled == expected.enabled)
        #expect(d.smtpAuth.decidedBy == expected.decidedBy)
        #expect(d.basicAllowed == expected.allowed)
        #expect(d.blockedBy.map(\.layer) == expected.layers)
        #expect(d.explanation.last?.hasPrefix("Result:") == true)
        if expected.allowed == nil {
            #expect(!d.unknowns.isEmpty, "an unknown result names what would settle it")
        }
        for layer in d.blockedBy { #expect(!layer.source.isEmpty && !layer.reference.isEmpty) }
    }

    @Test func missingExportsMakeEachLayerUnknownWithTheExportThatSettlesIt() {
        var s = TenantSnapshot()
        s.casMailboxes = [
            CASMailboxSetting(
                address: Self.address, displayName: nil, smtpClientAuthenticationDisabled: .value(false), location: Self.at("cas.csv"))
        ]
        s.filesByKind[.casMailbox] = ["cas.csv"]
        let d = EffectiveStateEvaluator(index: TenantIndex(s)).evaluate(Self.address)
        #expect(d.smtpAuth.enabled == true)
        #expect(d.basicAllowed == nil)
        let settledBy = Set(d.unknowns.flatMap(\.settledBy))
        #expect(settledBy.contains(ExportKind.user.title))
        #expect(settledBy.contains(ExportKind.securityDefaults.title))
        #expect(settledBy.contains(ExportKind.conditionalAccessPolicies.title))
    }

    @Test func mailboxMissingFromTheExportIsUnknown() {
        var s = Self.snapshot(Case(mailbox: .isFalse, tenant: .isFalse, policy: .none, securityDefaults: false))
        s.casMailboxes = []
        let d = EffectiveStateEvaluator(index: TenantIndex(s)).evaluate(Self.address)
        #expect(d.smtpAuth.enabled == nil)
        #expect(d.unknowns.contains { $0.what.contains("not in the Get-CASMailbox export") })
    }

    @Test func defaultPolicyAppliesWhenTheUserHasNone() {
        var s = Self.snapshot(Case(mailbox: .isFalse, tenant: .isTrue, policy: .none, securityDefaults: false))
        s.organizationConfigs = [OrganizationConfigSetting(defaultAuthenticationPolicy: "Block", location: Self.at("org.json"))]
        let d = EffectiveStateEvaluator(index: TenantIndex(s)).evaluate(Self.address)
        #expect(d.basicAllowed == false)
        #expect(d.blockedBy.map(\.layer) == [.authenticationPolicy])
        #expect(d.policySource.contains("DefaultAuthenticationPolicy"))
        // The user's own policy wins over the default.
        s.users[0].authenticationPolicy = "Allow"
        #expect(EffectiveStateEvaluator(index: TenantIndex(s)).evaluate(Self.address).basicAllowed == true)
    }
}
