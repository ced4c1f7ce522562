import AuthShiftCore

/// A page of one run's mailbox rows (effective SMTP AUTH state and its explanation), for the
/// dashboard's mailboxes page.
public struct MailboxPage: Sendable, Codable, Equatable {
    public var run: Int64
    /// Rows matching the filter, over all pages.
    public var total: Int
    public var offset: Int
    public var rows: [MailboxRow]
}
