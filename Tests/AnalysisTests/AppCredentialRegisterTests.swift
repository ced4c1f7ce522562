import AuthShiftCore
import Testing

@testable import Analysis
@testable import Ingest

/// The register's app credentials, built from app registrations and service principals as
/// Graph gives them: which apps are listed, each credential once, statuses on the register's
/// day, and who depends on the app.
@Suite struct AppCredentialRegisterTests {
    static let here = ExportLocation(file: "apps.json", line: 1)
    static let asOf = CalendarDay(year: 2026, month: 11, day: 30)

    static func credential(
        _ kind: AppCredentialKind, _ name: String, key: String, ends: Timestamp?, usage: String? = nil
    ) -> AppCredentialEntry {
        AppCredentialEntry(kind: kind, displayName: name, keyId: key, hint: nil, endDateTime: ends, usage: usage)
    }

    /// Exchange Online defining SMTP.SendAsApp, and an app granted it whose registration carries `credentials`.
    static func snapshot(_ credentials: [AppCredentialEntry], principalCredentials: [AppCredentialEntry] = []) -> TenantSnapshot {
        var s = TenantSnapshot()
        s.appRegistrations = [
            AppRegistration(
                object: .servicePrincipal, appId: "00000002-0000-0ff1-ce00-000000000000", displayName: "Office 365 Exchange Online",
                credentials: [], appRoles: ["role-smtp": "SMTP.SendAsApp", "role-other": "Mail.Read"], grantedRoleIds: [],
                location: here),
            AppRegistration(
                object: .servicePrincipal, appId: "app-1", displayName: "Scanner relay (SP)", credentials: principalCredentials,
                appRoles: [:], grantedRoleIds: ["role-smtp", "role-other"], location: here),
            AppRegistration(
                object: .application, appId: "app-1", displayName: "Scanner relay", credentials: credentials, appRoles: [:],
                grantedRoleIds: [], location: here),
        ]
        s.filesByKind[.applications] = ["apps.json"]
        return s
    }

    static func build(_ s: TenantSnapshot, warningDays: Int = 30) -> [AppCredentialRow] {
        AppCredentialRegisterBuilder.build(s, asOf: asOf, warningDays: warningDays) ?? []
    }

    @Test func withoutAppRegistrationsTheSectionIsNull() {
        #expect(AppCredentialRegisterBuilder.build(TenantSnapshot(), asOf: Self.asOf, warningDays: 30) == nil)
    }

    @Test func statusesFollowTheWarningWindow() {
        let s = Self.snapshot([
            Self.credential(.certificate, "far", key: "k1", ends: Timestamp.from(year: 2027, month: 6, day: 1)),
            Self.credential(.certificate, "soon", key: "k2", ends: Timestamp.from(year: 2026, month: 12, day: 30)),
            Self.credential(.certificate, "gone", key: "k3", ends: Timestamp.from(year: 2026, month: 11, day: 29, hour: 12)),
            Self.credential(.certificate, "forever", key: "k4", ends: nil),
        ])
        let rows = Self.build(s)
        #expect(rows.map(\.name) == ["gone", "soon", "far", "forever"])
        #expect(rows.map(\.status) == [.expired, .expiring, .valid, .noExpiry])
        #expect(rows.map(\.daysLeft) == [-1, 30, 183, nil])
        // Only the watched permission is named, not Mail.Read.
        #expect(rows.allSatisfy { $0.permissions == ["SMTP.SendAsApp"] && $0.appName == "Scanner relay" })
        #expect(Self.build(s, warningDays: 7).map(\.status) == [.expired, .valid, .valid, .noExpiry])
        #expect(rows[0].needsAttention && rows[1].needsAttention && !rows[2].needsAttention)
    }

    @Test func samlSigningCertificatesAndDuplicateKeysAreLeftOut() {
        let cert = Self.credential(.certificate, "CN=relay", key: "K1", ends: Timestamp.from(year: 2027, month: 1, day: 1))
        let signing = Self.credential(.certificate, "CN=saml", key: "k2", ends: Timestamp.from(year: 2027, month: 1, day: 1), usage: "Sign")
        var sameKey = cert
        sameKey.keyId = "k1"
        let rows = Self.build(Self.snapshot([cert, signing], principalCredentials: [sameKey]))
        #expect(rows.map(\.name) == ["CN=relay"])
    }

    @Test func clientSecretsAreAdvisedToBeCertificatesWithTheSource() throws {
        let rows = Self.build(
            Self.snapshot([Self.credential(.clientSecret, "relay secret", key: "s1", ends: Timestamp.from(year: 2027, month: 1, day: 1))]))
        let row = try #require(rows.first)
        #expect(row.certificateAdvised)
        #expect(row.needsAttention)
        #expect(row.advice.count == 1)
        #expect(row.advice[0].contains("https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials"))
    }

    /// Without Exchange Online's service principal the grant cannot be named: an unknown, not "none".
    @Test func grantsOfResourcesNotExportedAreAnUnknown() throws {
        var s = Self.snapshot([Self.credential(.clientSecret, "s", key: "s1", ends: nil)])
        #expect(AppCredentialRegisterBuilder.unresolvedGrants(s) == nil)
        s.appRegistrations.removeFirst()
        #expect(Self.build(s).isEmpty)
        let unknown = try #require(AppCredentialRegisterBuilder.unresolvedGrants(s))
        #expect(unknown.count == 1)
        #expect(unknown.settledBy.first?.contains("Office 365 Exchange Online") == true)
    }

    @Test func appsWithoutAWatchedPermissionAreNotListed() {
        var s = Self.snapshot([Self.credential(.clientSecret, "s", key: "s1", ends: nil)])
        s.appRegistrations[1].grantedRoleIds = ["role-other"]
        #expect(Self.build(s).isEmpty)
    }

    @Test func sendersAndScriptsUsingTheAppAreItsDependents() throws {
        var s = Self.snapshot([Self.credential(.certificate, "c", key: "k", ends: Timestamp.from(year: 2026, month: 12, day: 5))])
        s.signInUsersByAppId = ["app-1": ["scanner@contoso.com"], "app-2": ["other@contoso.com"]]
        var rows = Self.build(s)
        let script = ScriptAutomationRow(
            script: "jobs/report.ps1", host: .scheduledTaskOrServer, currentAuth: .certificateAppOnly, readCmdlets: [], changeCmdlets: [],
            leastRole: "r", replacement: "none", findings: [])
        var named = script
        named.appIds = ["APP-1"]
        AppCredentialRegisterBuilder.attachScripts([script, named], to: &rows)
        #expect(rows.first?.dependents == ["script jobs/report.ps1", "sender scanner@contoso.com"])
    }

    /// A Graph user's object ID decides a Conditional Access policy that names users by ID.
    @Test func graphUserObjectIdDecidesConditionalAccessScope() {
        var s = EffectiveStateTruthTableTests.snapshot(.init(mailbox: .isFalse, tenant: .isFalse, policy: .allow, securityDefaults: false))
        s.users[0].objectId = nil
        s.conditionalAccessPolicies = [ConditionalAccessScopeTests.policy(include: ["oid-9"])]
        let address = EffectiveStateTruthTableTests.address
        let unknown = EffectiveStateEvaluator(index: TenantIndex(s)).evaluate(address).unknowns.first { $0.kind == .conditionalAccessScope }
        #expect(unknown?.settledBy.contains(ExportKind.entraUsers.title) == true)
        s.entraUsers = [
            EntraUser(
                userPrincipalName: address, objectId: "oid-9", mail: nil, displayName: "Scanner", accountEnabled: true, userType: "Member",
                location: Self.here)
        ]
        let decision = EffectiveStateEvaluator(index: TenantIndex(s)).evaluate(address)
        #expect(decision.basicAllowed == false)
        #expect(decision.blockedBy.map(\.layer) == [.conditionalAccess])
    }
}
