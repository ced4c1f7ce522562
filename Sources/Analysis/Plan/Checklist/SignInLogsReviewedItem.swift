import AuthShiftCore
import Ingest

/// 4. Sign-in logs are checked for Authenticated SMTP and Exchange Online PowerShell.
public enum SignInLogsReviewedItem: ChecklistItem {
    public static let number = 4
    public static let title = "Sign-in logs are checked for Authenticated SMTP and Exchange Online PowerShell"
    public static let required = false
    public static var examples: [ChecklistExample] {
        [
            ChecklistExample(.pass, .example { $0.snapshot.filesByKind[.signInJSON] = ["SignIns.json"] }),
            ChecklistExample(.unknown, .example { $0.snapshot.filesByKind[.transportConfig] = ["t.json"] }),
        ]
    }

    public static func check(_ facts: ChecklistFacts) -> ChecklistOutcome {
        facts.snapshot.hasSignIns
            ? ChecklistOutcome(.pass, "sign-in logs are among the inputs (\(facts.snapshot.signIns.rows) rows)")
            : ChecklistOutcome(.unknown, "no sign-in log export", decidedBy: "sign-in logs")
    }
}
