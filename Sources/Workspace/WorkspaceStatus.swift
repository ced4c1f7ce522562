import AuthShiftCore

/// `workspace status`: where the migration stands, per tenant and across all of them.
public struct WorkspaceStatus: Sendable, Codable, Equatable {
    public var tenants: [TenantStatus]
    /// The sum over every tenant (nil when the workspace holds one tenant or none).
    public var all: TenantStatus?
    /// Regressed senders across the workspace: the first thing every report shows.
    public var regressions: [SenderSummary]
}

public struct TenantStatus: Sendable, Codable, Equatable {
    public var tenant: String
    public var runs: Int
    public var firstRunAsOf: CalendarDay?
    public var latestRunAsOf: CalendarDay?
    public var defaultChangeDate: CalendarDay?
    /// Days from the latest run's day to the default change (negative once it has passed).
    public var daysToDefaultChange: Int?
    public var basicSendersNow: Int
    public var basicSendersAtFirstRun: Int
    public var breakingNow: Int
    public var senders: Int
    /// Senders per lifecycle state (every state present, zero where none).
    public var byState: [String: Int]
    /// Senders per chosen path, or recommended path where none is chosen.
    public var byPath: [String: Int]
    public var regressed: Int
    /// The latest run's exceptions that are expiring or expired.
    public var exceptionsExpiring: [ExceptionRecord]
    /// The latest run's app certificates and secrets that are expired or expiring (AppCredentialRow).
    public var credentialsExpiring: [AppCredentialRow] = []
}
