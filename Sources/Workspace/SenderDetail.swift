import AuthShiftCore

/// One sender with everything the workspace knows: `workspace show SENDER`, the dashboard's
/// sender page.
public struct SenderDetail: Sendable, Codable, Equatable {
    public var summary: SenderSummary
    /// The register row of the latest run that saw it (evidence, recommendation, unknowns).
    public var latest: SenderRow
    /// One entry per run that saw the sender, oldest first.
    public var runs: [SenderRunEntry]
    /// Edits and automatic changes, oldest first.
    public var audit: [AuditEntry]
    /// Rows of the latest run's exception register for the sender's address.
    public var exceptions: [ExceptionRecord]
}

/// What one run said about one sender.
public struct SenderRunEntry: Sendable, Codable, Equatable {
    public var run: Int64
    public var asOf: CalendarDay
    public var currentAuth: SenderRow.CurrentAuth
    public var basic: Bool
    public var breaksAtDefaultChange: Bool
    public var failingNow: Bool
    public var successes: Int
    public var failures: Int
    public var lastSeen: Timestamp?
    public var recommendedPath: String
    public var ring: String?
}
