import AuthShiftCore
import Ingest

/// 12. Connect-ExchangeOnline -Credential is removed from unattended jobs: no account signs in with
/// the Exchange Online PowerShell legacy client in the sign-in logs.
public enum UnattendedCredentialJobsItem: ChecklistItem {
    public static let number = 12
    public static let title = "Connect-ExchangeOnline -Credential is removed from unattended jobs"
    public static let required = true
    public static var examples: [ChecklistExample] {
        [
            ChecklistExample(.unknown, .example()),
            ChecklistExample(.pass, .example { $0.snapshot.filesByKind[.signInJSON] = ["SignIns.json"] }),
        ]
    }

    public static func check(_ facts: ChecklistFacts) -> ChecklistOutcome {
        guard facts.snapshot.hasSignIns else { return ChecklistOutcome(.unknown, "no sign-in log export", decidedBy: "sign-in logs") }
        let automation = facts.register.automation
        return automation.isEmpty
            ? ChecklistOutcome(.pass, "no account signs in with the Exchange Online PowerShell legacy client", evidence: [])
            : ChecklistOutcome(
                .fail, "\(automation.count) account(s) sign in with the Exchange Online PowerShell legacy client",
                evidence: automation.map(\.account))
    }
}
