import AuthShiftCore
import Ingest

/// 2. Mailbox-level SMTP AUTH exceptions are named, owned and time-limited: without an exception
/// register, no mailbox may enable SMTP AUTH on its own; with one, every exception check passes.
public enum MailboxExceptionsItem: ChecklistItem {
    public static let number = 2
    public static let title = "Mailbox-level SMTP AUTH exceptions are named, owned and time-limited"
    public static let required = true
    public static var examples: [ChecklistExample] {
        let failing = CheckResult(
            check: "exception-expired", title: "t", subject: "a@contoso.com", status: .fail, message: "expired", required: true, source: "s"
        )
        return [
            ChecklistExample(.pass, .example()),
            ChecklistExample(.pass, .example { $0.snapshot.filesByKind[.exceptions] = ["exceptions.csv"] }),
            ChecklistExample(
                .fail,
                .example {
                    $0.snapshot.filesByKind[.exceptions] = ["exceptions.csv"]
                    $0.exceptionResults = [failing]
                }),
        ]
    }

    public static func check(_ facts: ChecklistFacts) -> ChecklistOutcome {
        guard facts.snapshot.has(.exceptions) else {
            let opened = facts.register.mailboxes.lazy.filter { $0.smtpAuth.decidedBy == .mailbox && $0.smtpAuth.enabled == true }.count
            return opened == 0
                ? ChecklistOutcome(.pass, "no mailbox enables SMTP AUTH on its own")
                : ChecklistOutcome(.fail, "\(opened) mailbox(es) enable SMTP AUTH and there is no exception register (exceptions.csv)")
        }
        let failures = facts.exceptionResults.filter { $0.status == .fail }
        return failures.isEmpty
            ? ChecklistOutcome(.pass, "every exception check passes")
            : ChecklistOutcome(
                .fail, "\(failures.count) exception check(s) fail (authshift exceptions check)",
                evidence: failures.prefix(10).map { "\($0.check): \($0.subject): \($0.message)" })
    }
}
