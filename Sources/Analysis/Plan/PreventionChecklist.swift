import AuthShiftCore
import Ingest

/// The migration guide's prevention checklist (sixteen items), each decided from the
/// exports where they can decide it, with evidence, or `unknown` with what would decide it.
///
/// Source: migration guide, "Prevention Checklist". Baseline mappings: CISA SCuBA
/// MS.EXO.5.1v1 (SMTP AUTH disabled) and MS.AAD.1.1v1 (legacy authentication blocked);
/// CIS Microsoft 365 Foundations 6.5.4 (SMTP AUTH disabled), 6.5.5 (Direct Send rejected),
/// 5.2.2.3 (Conditional Access blocks legacy authentication).
public struct PreventionChecklist {
    public static let source = "Exchange Online SMTP AUTH Basic Authentication 2026 Migration Planning, 'Prevention Checklist'"

    let snapshot: TenantSnapshot
    let register: Register
    let exceptionResults: [CheckResult]

    public init(snapshot: TenantSnapshot, register: Register, exceptionResults: [CheckResult]) {
        self.snapshot = snapshot
        self.register = register
        self.exceptionResults = exceptionResults
    }

    func item(_ n: Int, _ title: String, _ status: CheckResult.Status, _ message: String, evidence: [String] = [], decidedBy: String? = nil,
              controls: [String] = [], required: Bool) -> CheckResult {
        CheckResult(check: String(format: "checklist-%02d", n), title: title, subject: "tenant", status: status, message: message,
                    evidence: evidence, decidedBy: decidedBy, controls: controls, required: required, source: Self.source)
    }

    func processItem(_ n: Int, _ title: String, _ how: String, controls: [String] = []) -> CheckResult {
        item(n, title, .unknown, "a process, not visible in the exports", decidedBy: how, controls: controls, required: false)
    }

    public func run() -> [CheckResult] {
        let exceptionFailures = exceptionResults.filter { $0.status == .fail }
        var items: [CheckResult] = []

        // 1. Tenant-level SMTP AUTH is disabled unless there is a documented reason.
        switch register.tenant.smtpClientAuthenticationDisabled {
        case .value(true)?: items.append(item(1, "Tenant-level SMTP AUTH is disabled", .pass, "Get-TransportConfig SmtpClientAuthenticationDisabled = True", controls: ["MS.EXO.5.1v1", "CIS 6.5.4"], required: true))
        case nil: items.append(item(1, "Tenant-level SMTP AUTH is disabled", .unknown, "no Get-TransportConfig export", decidedBy: ExportKind.transportConfig.title, controls: ["MS.EXO.5.1v1", "CIS 6.5.4"], required: true))
        case let value?: items.append(item(1, "Tenant-level SMTP AUTH is disabled", .fail, "Get-TransportConfig SmtpClientAuthenticationDisabled = \(value.display)", controls: ["MS.EXO.5.1v1", "CIS 6.5.4"], required: true))
        }

        // 2. Mailbox-level exceptions are named, owned and time-limited.
        if !snapshot.has(.exceptions) {
            let opened = register.mailboxes.lazy.filter { $0.smtpAuth.decidedBy == .mailbox && $0.smtpAuth.enabled == true }.count
            items.append(item(2, "Mailbox-level SMTP AUTH exceptions are named, owned and time-limited", opened == 0 ? .pass : .fail,
                              opened == 0 ? "no mailbox enables SMTP AUTH on its own" : "\(opened) mailbox(es) enable SMTP AUTH and there is no exception register (exceptions.csv)",
                              required: true))
        } else {
            items.append(item(2, "Mailbox-level SMTP AUTH exceptions are named, owned and time-limited", exceptionFailures.isEmpty ? .pass : .fail,
                              exceptionFailures.isEmpty ? "every exception check passes" : "\(exceptionFailures.count) exception check(s) fail (authshift exceptions check)",
                              evidence: exceptionFailures.prefix(10).map { "\($0.check): \($0.subject): \($0.message)" }, required: true))
        }

        // 3. The SMTP AUTH Clients report is reviewed on a schedule.
        items.append(snapshot.has(.smtpAuthClientsReport)
            ? item(3, "The SMTP AUTH Clients report is reviewed on a schedule", .pass, "an export of the report is among the inputs", evidence: snapshot.filesByKind[.smtpAuthClientsReport] ?? [], required: false)
            : item(3, "The SMTP AUTH Clients report is reviewed on a schedule", .unknown, "no export of the report", decidedBy: ExportKind.smtpAuthClientsReport.title, required: false))

        // 4. Sign-in logs are checked for Authenticated SMTP and Exchange Online PowerShell.
        items.append(snapshot.hasSignIns
            ? item(4, "Sign-in logs are checked for Authenticated SMTP and Exchange Online PowerShell", .pass, "sign-in logs are among the inputs (\(snapshot.signIns.rows) rows)", required: false)
            : item(4, "Sign-in logs are checked for Authenticated SMTP and Exchange Online PowerShell", .unknown, "no sign-in log export", decidedBy: "sign-in logs", required: false))

        items.append(processItem(5, "New printers and scanners must support OAuth, HVE, direct send or an approved relay before purchase", "your purchasing policy"))
        items.append(processItem(6, "New applications may not request a Microsoft 365 mailbox password for sending mail", "your application onboarding policy"))

        // 7-8. HVE and ACS decisions.
        for (n, path, title) in [(7, MigrationPath.hve, "Internal high volume application mail has an HVE decision"),
                                 (8, MigrationPath.acs, "External application mail has an ACS Email or approved email service decision")] {
            let undecided = register.senders.filter { $0.recommendation.path == path && $0.recommendation.confidence == .provisional }
            let onBasic = register.senders.filter { $0.recommendation.path == path && ($0.currentAuth == .basic || $0.currentAuth == .mixed) }
            items.append(item(n, title, undecided.isEmpty ? .pass : .fail,
                              undecided.isEmpty ? "\(onBasic.count) sender(s) have a firm \(path.rawValue) decision (owner and facts recorded)" : "\(undecided.count) sender(s) point to \(path.rawValue) only provisionally: complete the inventory",
                              evidence: (undecided.isEmpty ? onBasic : undecided).map { "\($0.sender) (\($0.system))" }, required: false))
        }

        // 9. Direct send only for internal recipients.
        let directExternal = register.senders.filter { $0.recommendation.path == .directSend && ($0.recipients == .external || $0.recipients == .mixed) }
        let rejectDirectSend = snapshot.organizationConfigs.first?.rejectDirectSend
        var evidence9 = directExternal.map { "\($0.sender) sends to external recipients" }
        if let reject = rejectDirectSend?.bool { evidence9.append("Get-OrganizationConfig RejectDirectSend = \(reject ? "True" : "False")") }
        let directSenders = register.senders.filter { $0.recommendation.path == .directSend }
        if rejectDirectSend?.bool == true && !directSenders.isEmpty {
            evidence9.append("\(directSenders.count) sender(s) are recommended direct send, which RejectDirectSend blocks: choose one")
        }
        items.append(item(9, "Direct send is used only for internal recipient scenarios", directExternal.isEmpty ? .pass : .fail,
                          directExternal.isEmpty ? "no direct-send sender mails external recipients" : "\(directExternal.count) direct-send sender(s) mail external recipients",
                          evidence: evidence9, controls: ["CIS 6.5.5"], required: true))

        // 10. Relay connectors have static IP or certificate ownership documented.
        if !snapshot.has(.inboundConnector) {
            items.append(item(10, "SMTP relay connectors have static IP or certificate ownership documented", .unknown, "no Get-InboundConnector export", decidedBy: ExportKind.inboundConnector.title, required: true))
        } else {
            let vague = snapshot.inboundConnectors.filter { $0.connectorType == "OnPremises" && ($0.senderIPAddresses ?? []).isEmpty && ($0.tlsSenderCertificateName ?? "").isEmpty }
            items.append(item(10, "SMTP relay connectors have static IP or certificate ownership documented", vague.isEmpty ? .pass : .fail,
                              vague.isEmpty ? "every on-premises connector names its IP addresses or certificate" : "\(vague.count) on-premises connector(s) name neither IP addresses nor a certificate",
                              evidence: snapshot.inboundConnectors.map { "\($0.name): \(($0.senderIPAddresses ?? []).joined(separator: " "))\($0.tlsSenderCertificateName.map { " cert \($0)" } ?? "")" }, required: true))
        }

        items.append(item(11, "Old New-PSSession Exchange Online Basic examples are removed from script templates", .unknown,
                          "scripts are not among the exports", decidedBy: "authshift scan over your script repositories", required: false))

        // 12. Connect-ExchangeOnline -Credential removed from unattended jobs.
        if snapshot.hasSignIns {
            items.append(item(12, "Connect-ExchangeOnline -Credential is removed from unattended jobs", register.automation.isEmpty ? .pass : .fail,
                              register.automation.isEmpty ? "no account signs in with the Exchange Online PowerShell legacy client" : "\(register.automation.count) account(s) sign in with the Exchange Online PowerShell legacy client",
                              evidence: register.automation.map(\.account), required: true))
        } else {
            items.append(item(12, "Connect-ExchangeOnline -Credential is removed from unattended jobs", .unknown, "no sign-in log export", decidedBy: "sign-in logs", required: true))
        }

        items.append(processItem(13, "App-only Exchange Online PowerShell certificates have expiry monitoring", "your certificate inventory"))
        items.append(processItem(14, "Managed identities have documented role assignments and owners", "your Azure role assignments"))

        // 15. Conditional Access: legacy authentication blocked, exceptions narrow.
        if snapshot.securityDefaults.first?.isEnabled == true {
            items.append(item(15, "Legacy authentication is blocked; Conditional Access exceptions are narrow and reviewed", .pass, "security defaults are on, which block legacy authentication for everyone", controls: ["MS.AAD.1.1v1", "CIS 5.2.2.3"], required: true))
        } else if !snapshot.has(.conditionalAccessPolicies) {
            items.append(item(15, "Legacy authentication is blocked; Conditional Access exceptions are narrow and reviewed", .unknown, "no Conditional Access export", decidedBy: ExportKind.conditionalAccessPolicies.title, controls: ["MS.AAD.1.1v1", "CIS 5.2.2.3"], required: true))
        } else {
            let blocking = snapshot.conditionalAccessPolicies.filter(\.blocksLegacyAuthentication)
            let excluded = Set(blocking.flatMap(\.excludeUsers)).count
            let validExceptions = exceptionResults.isEmpty ? 0 : Set(snapshot.exceptions.map(\.mailbox)).count
            items.append(item(15, "Legacy authentication is blocked; Conditional Access exceptions are narrow and reviewed", blocking.isEmpty ? .fail : .pass,
                              blocking.isEmpty ? "no enabled Conditional Access policy blocks legacy authentication" : "\(blocking.count) enabled policy(ies) block legacy authentication, excluding \(excluded) user(s) directly" + (excluded > validExceptions && snapshot.has(.exceptions) ? "; more exclusions than exception rows (\(validExceptions)): review them" : ""),
                              evidence: blocking.map { "\($0.displayName): \($0.excludeUsers.count) excluded users, \($0.excludeGroups.count) excluded groups" }, controls: ["MS.AAD.1.1v1", "CIS 5.2.2.3"], required: true))
        }

        items.append(processItem(16, "Break-glass admin access is tested and separate from routine automation", "your break-glass test records"))
        return items
    }
}
