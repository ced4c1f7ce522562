import AuthShiftCore
import Ingest

/// 3. The SMTP AUTH Clients report is reviewed on a schedule: an export of it is among the inputs.
public enum SMTPAuthClientsReportItem: ChecklistItem {
    public static let number = 3
    public static let title = "The SMTP AUTH Clients report is reviewed on a schedule"
    public static let required = false
    public static var examples: [ChecklistExample] {
        [
            ChecklistExample(.pass, .example { $0.snapshot.filesByKind[.smtpAuthClientsReport] = ["SMTP AUTH clients report.csv"] }),
            ChecklistExample(.unknown, .example()),
        ]
    }

    public static func check(_ facts: ChecklistFacts) -> ChecklistOutcome {
        facts.snapshot.has(.smtpAuthClientsReport)
            ? ChecklistOutcome(
                .pass, "an export of the report is among the inputs", evidence: facts.snapshot.filesByKind[.smtpAuthClientsReport] ?? [])
            : ChecklistOutcome(.unknown, "no export of the report", decidedBy: ExportKind.smtpAuthClientsReport.title)
    }
}
