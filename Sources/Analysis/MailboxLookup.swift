import AuthShiftCore
import Ingest

/// What the exports say about one mailbox (its effective SMTP AUTH state and why), for
/// `explain --mailbox` and `probe --exports`: the tenant assessed as `assess` would, the one
/// row picked by address (case-insensitive).
public enum MailboxLookup {
    public static func find(_ mailbox: String, in snapshot: TenantSnapshot, options: AssessOptions) -> MailboxRow? {
        let register = Assessor.assess(snapshot, files: [], options: options)
        return register.mailboxes.first { $0.address == mailbox.lowercased() }
    }
}
