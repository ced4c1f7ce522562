import AuthShiftCore
import Ingest

/// Works out, for one mailbox, whether SMTP AUTH is enabled and whether Basic
/// authentication for SMTP would succeed, layer by layer, with the setting and export
/// behind each step.
///
/// The rules (each cited where it is applied):
/// 1. SMTP AUTH: the mailbox's `SmtpClientAuthenticationDisabled` (True/False) wins;
///    blank inherits Get-TransportConfig; a missing column or mailbox is unknown.
///    (Set-CASMailbox, Set-TransportConfig, authenticated-client-smtp-submission)
/// 2. Authentication policy: the user's own (Get-User AuthenticationPolicy), else the
///    organization's DefaultAuthenticationPolicy, else none; a policy blocks Basic SMTP
///    unless AllowBasicAuthSmtp is True. (disable-basic-authentication-in-exchange-online)
/// 3. Security defaults on disable Basic SMTP. (authenticated-client-smtp-submission,
///    security-defaults)
/// 4. An enabled Conditional Access policy granting `block` to client app type `other`
///    for the user blocks it. (policy-block-legacy-authentication)
/// Basic is allowed only when every layer is known to allow it; it is blocked when any
/// layer is known to block it; otherwise it is unknown.
struct EffectiveStateEvaluator {
    let index: TenantIndex

    /// Exchange Online's first-party app ID, which Conditional Access policies name.
    static let exchangeOnlineAppId = "00000002-0000-0ff1-ce00-000000000000"

    func evaluate(_ address: String) -> MailboxDecision {
        var unknowns: [Unknown] = []
        var lines: [String] = []
        var blocked: [Block] = []
        var undecided = false

        let (smtp, setting) = smtpAuth(address, unknowns: &unknowns, lines: &lines)
        if smtp.enabled == false {
            let file = smtp.decidedBy == .mailbox ? index.casByAddress[address]?.location.file : index.transport?.location.file
            blocked.append(
                Block(
                    file: file,
                    BlockingLayer(
                        layer: .smtpAuthDisabled, setting: setting ?? smtp.evidence,
                        source: smtp.evidence,
                        reference: smtp.decidedBy == .mailbox ? References.setCASMailbox : References.setTransportConfig)))
        } else if smtp.enabled == nil {
            undecided = true
        }

        let (policyName, policySource) = resolvePolicy(address, unknowns: &unknowns, lines: &lines, undecided: &undecided)
        if let policyName {
            evaluatePolicy(policyName, source: policySource, unknowns: &unknowns, lines: &lines, blocked: &blocked, undecided: &undecided)
        }
        evaluateSecurityDefaults(unknowns: &unknowns, lines: &lines, blocked: &blocked, undecided: &undecided)
        evaluateConditionalAccess(address, unknowns: &unknowns, lines: &lines, blocked: &blocked, undecided: &undecided)

        let fromExports: Bool? = !blocked.isEmpty ? false : (undecided ? nil : true)
        var allowed = fromExports
        let observed = index.observedBasic[address]
        var contradiction: BasicContradiction?
        if fromExports == nil, let observed {
            // The exports cannot decide, but Basic SMTP demonstrably worked: that is an answer.
            allowed = true
            lines.append(
                "Sign-ins: \(observed.evidence) (Authenticated SMTP is a legacy client, so Basic); Basic works for this mailbox although the exports alone cannot show it."
            )
        } else if fromExports == false, let observed {
            contradiction = self.contradiction(blocked, observed: observed)
            if let contradiction {
                allowed = nil
                lines.append("Contradiction: " + contradiction.meaning)
                unknowns.append(
                    Unknown(
                        .basicBlockContradicted,
                        "whether Basic SMTP is blocked (the exports say so, but Basic SMTP sign-ins succeeded after they were taken)",
                        settledBy: [
                            "fresh exports of " + Set(contradiction.layers.map(Self.exportTitle)).sorted().joined(separator: ", "),
                            "a test with authshift probe",
                        ]))
            }
        }
        switch allowed {
        case true? where fromExports == nil:
            lines.append(
                "Result: Basic authentication for SMTP works for this mailbox today (\(observed!.evidence)); the exports that would show which setting allows it: "
                    + Array(Set(unknowns.flatMap(\.settledBy))).sorted().joined(separator: "; ") + ".")
        case true?: lines.append("Result: Basic authentication for SMTP is allowed for this mailbox today.")
        case false?:
            lines.append(
                "Result: Basic authentication for SMTP is blocked for this mailbox by "
                    + blocked.map(\.layer.layer.rawValue).joined(separator: ", ") + ".")
        case nil where contradiction != nil:
            lines.append(
                "Result: unknown. The exports say Basic SMTP is blocked by " + blocked.map(\.layer.layer.rawValue).joined(separator: ", ")
                    + ", but it succeeded after they were taken; take fresh exports or test it.")
        case nil:
            lines.append(
                "Result: unknown. What would settle it: " + Array(Set(unknowns.flatMap(\.settledBy))).sorted().joined(separator: "; ") + "."
            )
        }
        var decision = MailboxDecision(
            address: address, smtpAuth: smtp, basicAllowed: allowed, blockedBy: blocked.map(\.layer), policy: policyName,
            policySource: policySource, explanation: lines, unknowns: unknowns)
        decision.observed = fromExports == nil ? observed : nil
        decision.contradiction = contradiction
        return decision
    }

    /// A blocking layer and the export file it was read from (whose date a contradiction needs).
    struct Block {
        let file: String?
        let layer: BlockingLayer
        init(file: String?, _ layer: BlockingLayer) {
            self.file = file
            self.layer = layer
        }
    }

    /// A contradiction when every blocking layer was read from an export taken before the last
    /// successful Basic SMTP sign-in: then no export explains that success. Nil when some
    /// blocking export is newer (its block may have been set after those sign-ins, which is no
    /// contradiction) or its date is unknown.
    func contradiction(_ blocked: [Block], observed: ObservedBasicSMTP) -> BasicContradiction? {
        let stale = blocked.filter { block in block.file.flatMap { index.exportDates[$0] }.map { $0 < observed.lastSuccess } ?? false }
        guard !stale.isEmpty, stale.count == blocked.count,
            let newest = stale.compactMap({ $0.file.flatMap { index.exportDates[$0] } }).max()
        else { return nil }
        let files = Array(Set(stale.compactMap(\.file))).sorted()
        let meaning =
            "the exports say Basic SMTP is blocked (" + stale.map(\.layer.setting).joined(separator: "; ") + "), but the sign-ins show "
            + "\(observed.successes) successful Basic SMTP sign-in\(observed.successes == 1 ? "" : "s"), the last at \(observed.lastSuccess), after "
            + files.joined(separator: ", ")
            + " \(files.count == 1 ? "was" : "were") taken (\(newest)). Either an export is stale (the setting changed "
            + "since) or a policy does not apply as read (an exclusion, a group, another policy). Until fresh exports or a test settle it, treat "
            + "this sender as one that uses Basic successfully and breaks when it is switched off."
        return BasicContradiction(
            layers: stale.map(\.layer.layer), exports: files, exportDate: newest, successes: observed.successes,
            lastSuccess: observed.lastSuccess, meaning: meaning)
    }

    /// The export that shows a layer's setting.
    static func exportTitle(_ layer: BlockingLayer.Layer) -> String {
        switch layer {
        case .smtpAuthDisabled: return ExportKind.casMailbox.title + " and " + ExportKind.transportConfig.title
        case .authenticationPolicy: return ExportKind.authenticationPolicy.title
        case .securityDefaults: return ExportKind.securityDefaults.title
        case .conditionalAccess: return ExportKind.conditionalAccessPolicies.title
        }
    }

    // MARK: 1. SMTP AUTH (Set-CASMailbox, Set-TransportConfig)

    /// The state, and beside it the deciding setting on its own (`Get-CASMailbox
    /// SmtpClientAuthenticationDisabled = True`) for the blocking layer; nil when undecided.
    func smtpAuth(_ address: String, unknowns: inout [Unknown], lines: inout [String]) -> (SmtpAuthState, setting: String?) {
        let casTitle = ExportKind.casMailbox.title
        guard index.has(.casMailbox) else {
            unknowns.append(Unknown(.mailboxSetting, "mailbox SMTP AUTH setting", settledBy: [casTitle]))
            lines.append(
                "SMTP AUTH: unknown; no Get-CASMailbox export was given, and the mailbox setting takes precedence over the organization's.")
            return (SmtpAuthState(enabled: nil, decidedBy: .unknown, evidence: "no Get-CASMailbox export"), nil)
        }
        guard let cas = index.casByAddress[address] else {
            unknowns.append(
                Unknown(.mailboxSetting, "mailbox SMTP AUTH setting (mailbox not in the Get-CASMailbox export)", settledBy: [casTitle]))
            lines.append("SMTP AUTH: unknown; \(address) is not in the Get-CASMailbox export (is it a mailbox in this tenant?).")
            return (SmtpAuthState(enabled: nil, decidedBy: .unknown, evidence: "not in the Get-CASMailbox export"), nil)
        }
        let at = "\(cas.location)"
        switch cas.smtpClientAuthenticationDisabled {
        case .value(let disabled):
            lines.append(
                "SMTP AUTH is \(disabled ? "disabled" : "enabled") by the mailbox's own setting (Get-CASMailbox SmtpClientAuthenticationDisabled = \(disabled ? "True" : "False"), \(at)); the mailbox setting takes precedence over the organization's."
            )
            let setting = "Get-CASMailbox SmtpClientAuthenticationDisabled = \(disabled ? "True" : "False")"
            return (SmtpAuthState(enabled: !disabled, decidedBy: .mailbox, evidence: "\(setting) (\(at))"), setting)
        case .missingColumn:
            unknowns.append(
                Unknown(
                    .mailboxSetting, "mailbox SMTP AUTH setting (the Get-CASMailbox export has no SmtpClientAuthenticationDisabled column)",
                    settledBy: ["\(casTitle) with -Properties SmtpClientAuthenticationDisabled"]))
            lines.append(
                "SMTP AUTH: unknown; the Get-CASMailbox export has no SmtpClientAuthenticationDisabled column (Get-EXOCasMailbox returns it only when asked by name), so the mailbox may override the organization."
            )
            return (
                SmtpAuthState(
                    enabled: nil, decidedBy: .unknown, evidence: "SmtpClientAuthenticationDisabled column missing (\(cas.location.file))"),
                nil
            )
        case .null:
            guard let transport = index.transport else {
                unknowns.append(
                    Unknown(
                        .organizationSetting, "organization SMTP AUTH setting (mailbox inherits it)",
                        settledBy: [ExportKind.transportConfig.title]))
                lines.append(
                    "SMTP AUTH: the mailbox's own value is blank, so it inherits the organization setting, which is unknown: no Get-TransportConfig export was given."
                )
                return (
                    SmtpAuthState(
                        enabled: nil, decidedBy: .unknown,
                        evidence: "Get-CASMailbox SmtpClientAuthenticationDisabled blank (\(at)); no Get-TransportConfig export"), nil
                )
            }
            guard let disabled = transport.smtpClientAuthenticationDisabled.bool else {
                unknowns.append(
                    Unknown(.organizationSetting, "organization SMTP AUTH setting is blank", settledBy: [ExportKind.transportConfig.title]))
                lines.append(
                    "SMTP AUTH: the mailbox inherits the organization setting, and Get-TransportConfig SmtpClientAuthenticationDisabled is blank (\(transport.location)); confirm the tenant's value."
                )
                return (
                    SmtpAuthState(
                        enabled: nil, decidedBy: .unknown,
                        evidence: "Get-TransportConfig SmtpClientAuthenticationDisabled blank (\(transport.location))"), nil
                )
            }
            lines.append(
                "SMTP AUTH is \(disabled ? "disabled" : "enabled") for the whole organization (Get-TransportConfig SmtpClientAuthenticationDisabled = \(disabled ? "True" : "False"), \(transport.location)) and this mailbox inherits it (its own value is blank, \(at))."
            )
            let setting = "Get-TransportConfig SmtpClientAuthenticationDisabled = \(disabled ? "True" : "False")"
            return (
                SmtpAuthState(
                    enabled: !disabled, decidedBy: .tenant, evidence: "\(setting) (\(transport.location)); mailbox blank (\(at))"), setting
            )
        }
    }

    // MARK: 2. Authentication policy (disable-basic-authentication-in-exchange-online)

    func resolvePolicy(_ address: String, unknowns: inout [Unknown], lines: inout [String], undecided: inout Bool) -> (String?, String) {
        if let user = index.usersByAddress[address], let own = user.authenticationPolicy {
            return (own, "assigned to the user (Get-User AuthenticationPolicy, \(user.location))")
        }
        let userKnown = index.usersByAddress[address] != nil
        if !userKnown {
            undecided = true
            let why = index.has(.user) ? "\(address) is not in the Get-User export" : "no Get-User export was given"
            unknowns.append(Unknown(.assignedPolicy, "authentication policy assigned to the user", settledBy: [ExportKind.user.title]))
            lines.append(
                "Authentication policy: unknown; \(why), and a policy assigned to the user takes precedence over the default policy.")
            return (nil, "unknown")
        }
        guard let org = index.organization else {
            undecided = true
            unknowns.append(Unknown(.defaultPolicy, "default authentication policy", settledBy: [ExportKind.organizationConfig.title]))
            lines.append(
                "Authentication policy: the user has none of its own, and the organization's default is unknown (no Get-OrganizationConfig export)."
            )
            return (nil, "unknown")
        }
        if let defaultPolicy = org.defaultAuthenticationPolicy {
            return (defaultPolicy, "the organization's default (Get-OrganizationConfig DefaultAuthenticationPolicy, \(org.location))")
        }
        lines.append(
            "Authentication policy: none applies (the user has none and the organization has no default), so no policy blocks Basic SMTP.")
        return (nil, "none (no user policy, no default policy)")
    }

    func evaluatePolicy(
        _ name: String, source: String, unknowns: inout [Unknown], lines: inout [String], blocked: inout [Block], undecided: inout Bool
    ) {
        guard let policy = index.policiesByName[name.lowercased()] else {
            undecided = true
            unknowns.append(
                Unknown(.policySettings, "settings of authentication policy '\(name)'", settledBy: [ExportKind.authenticationPolicy.title]))
            lines.append("Authentication policy '\(name)', \(source): its settings are unknown (not in a Get-AuthenticationPolicy export).")
            return
        }
        switch policy.allowBasicAuthSmtp {
        case .value(true):
            lines.append(
                "Authentication policy '\(policy.name)', \(source), allows Basic authentication for SMTP (AllowBasicAuthSmtp = True, \(policy.location))."
            )
        case .value(false):
            lines.append(
                "Authentication policy '\(policy.name)', \(source), blocks Basic authentication for SMTP (AllowBasicAuthSmtp = False, \(policy.location)); this holds even where SMTP AUTH is enabled."
            )
            blocked.append(
                Block(
                    file: policy.location.file,
                    BlockingLayer(
                        layer: .authenticationPolicy,
                        setting: "Authentication policy '\(policy.name)' AllowBasicAuthSmtp = False (\(source))",
                        source: "\(policy.location)", reference: References.authenticationPolicies)))
        case .null, .missingColumn:
            undecided = true
            unknowns.append(
                Unknown(
                    .policyBasicSmtp, "AllowBasicAuthSmtp of authentication policy '\(policy.name)'",
                    settledBy: [ExportKind.authenticationPolicy.title]))
            lines.append("Authentication policy '\(policy.name)', \(source): AllowBasicAuthSmtp is not in the export (\(policy.location)).")
        }
    }

    // MARK: 3. Security defaults

    func evaluateSecurityDefaults(unknowns: inout [Unknown], lines: inout [String], blocked: inout [Block], undecided: inout Bool) {
        guard let defaults = index.securityDefaults else {
            undecided = true
            unknowns.append(Unknown(.securityDefaults, "whether security defaults are on", settledBy: [ExportKind.securityDefaults.title]))
            lines.append("Security defaults: unknown (no export); when they are on, Basic SMTP is disabled.")
            return
        }
        if defaults.isEnabled {
            lines.append("Security defaults are on (\(defaults.location)), which disables Basic authentication for SMTP.")
            blocked.append(
                Block(
                    file: defaults.location.file,
                    BlockingLayer(
                        layer: .securityDefaults, setting: "Security defaults isEnabled = true", source: "\(defaults.location)",
                        reference: References.securityDefaults)))
        } else {
            lines.append("Security defaults are off (\(defaults.location)).")
        }
    }

    // MARK: 4. Conditional Access

    func evaluateConditionalAccess(
        _ address: String, unknowns: inout [Unknown], lines: inout [String], blocked: inout [Block], undecided: inout Bool
    ) {
        guard index.has(.conditionalAccessPolicies) else {
            undecided = true
            unknowns.append(
                Unknown(
                    .conditionalAccessPolicies, "Conditional Access policies that block legacy authentication",
                    settledBy: [ExportKind.conditionalAccessPolicies.title]))
            lines.append("Conditional Access: unknown (no export); a policy that blocks legacy authentication would block Basic SMTP.")
            return
        }
        let objectId = index.objectId(of: address)
        var applying: [String] = []
        var uncertain = false
        for blocking in index.legacyBlocking where blocking.appliesToExchange {
            let policy = blocking.policy
            switch scope(of: blocking, objectId: objectId) {
            case .excluded, .notIncluded:
                continue
            case .included(let how):
                applying.append(policy.displayName)
                lines.append(
                    "Conditional Access policy '\(policy.displayName)' blocks legacy authentication for this user (\(how); \(policy.location))."
                )
                blocked.append(
                    Block(
                        file: policy.location.file,
                        BlockingLayer(
                            layer: .conditionalAccess,
                            setting: "Conditional Access policy '\(policy.displayName)' (block, client app type other)",
                            source: "\(policy.location)", reference: References.conditionalAccessLegacy)))
            case .uncertain(let why):
                undecided = true
                uncertain = true
                unknowns.append(
                    Unknown(
                        .conditionalAccessScope, "whether Conditional Access policy '\(policy.displayName)' applies (\(why.text))",
                        settledBy: why == .objectIdUnknown
                            ? [ExportKind.user.title + " with ExternalDirectoryObjectId", ExportKind.entraUsers.title]
                            : ["group and role membership (check the policy with What If in the Entra admin center)"]))
                lines.append(
                    "Conditional Access policy '\(policy.displayName)' blocks legacy authentication; whether it applies to this user is unknown: \(why.text)."
                )
            }
        }
        if applying.isEmpty && !uncertain {
            lines.append("Conditional Access: no enabled policy that blocks legacy authentication applies to this user.")
        }
    }

    enum Scope: Equatable {
        case included(String)
        case excluded, notIncluded
        case uncertain(Uncertainty)
    }

    /// Why a policy may or may not apply to the user; the text goes into the explanation.
    enum Uncertainty: Equatable {
        case objectIdUnknown, excludesGroupsOrRoles, includesGroupsOrRoles

        var text: String {
            switch self {
            case .objectIdUnknown: return "the user's object ID is not known, and the policy names users"
            case .excludesGroupsOrRoles: return "the policy excludes groups or roles, and membership is not in the exports"
            case .includesGroupsOrRoles: return "the policy includes groups or roles, and membership is not in the exports"
            }
        }
    }

    func scope(of blocking: TenantIndex.LegacyBlockingPolicy, objectId: String?) -> Scope {
        let policy = blocking.policy
        let include = blocking.include
        let exclude = blocking.exclude
        if let objectId, exclude.contains(objectId) { return .excluded }
        let byAll = include.contains("all")
        let byId = objectId.map { include.contains($0) } ?? false
        let maybeExcluded = !policy.excludeGroups.isEmpty || !policy.excludeRoles.isEmpty
        let maybeIncluded = !policy.includeGroups.isEmpty || !policy.includeRoles.isEmpty
        if objectId == nil && (!exclude.isEmpty || (!byAll && !(include.count == 1 && include.contains("none")) && !include.isEmpty)) {
            return .uncertain(.objectIdUnknown)
        }
        if byAll || byId {
            if maybeExcluded { return .uncertain(.excludesGroupsOrRoles) }
            return .included(byAll ? "all users are included and this user is not excluded" : "the user is included by object ID")
        }
        if maybeIncluded { return .uncertain(.includesGroupsOrRoles) }
        return .notIncluded
    }
}
