import AuthShiftCore

/// A sender's workspace row with its latest run's evidence: one row of the sender list.
public struct SenderSummary: Sendable, Codable, Equatable {
    public var id: Int64
    public var tenant: String
    public var sender: String
    public var system: String
    public var state: LifecycleState
    public var stateSince: CalendarDay
    public var owner: String?
    /// The path people chose (nil until chosen).
    public var path: String?
    /// The path authshift recommended in the latest run that saw the sender.
    public var recommendedPath: String
    public var cutoverDate: CalendarDay?
    public var ticket: String?
    public var note: String?
    public var ring: String?
    public var currentAuth: SenderRow.CurrentAuth
    public var basic: Bool
    public var breaksAtDefaultChange: Bool
    /// The latest run that saw the sender.
    public var lastSeenRun: Int64
    public var lastSeenAsOf: CalendarDay
}

/// A filtered, sorted page of the sender list (`workspace status`, the dashboard's register).
public struct SenderQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        case sender, state, owner, path, cutover
        case lastSeen = "last-seen"
    }

    public var tenant: String?
    public var state: LifecycleState?
    /// Chosen path, or the recommended one where none is chosen.
    public var path: String?
    public var owner: String?
    public var ring: String?
    /// true: only senders whose latest evidence shows Basic; false: only those that do not.
    public var basic: Bool?
    /// Matched case-insensitively against the address, system, owner, ticket and note.
    public var search: String?
    public var sort: Sort
    public var descending: Bool
    public var offset: Int
    public var limit: Int

    public init(
        tenant: String? = nil, state: LifecycleState? = nil, path: String? = nil, owner: String? = nil, ring: String? = nil,
        basic: Bool? = nil, search: String? = nil, sort: Sort = .sender, descending: Bool = false, offset: Int = 0, limit: Int = 100
    ) {
        self.tenant = tenant
        self.state = state
        self.path = path
        self.owner = owner
        self.ring = ring
        self.basic = basic
        self.search = search
        self.sort = sort
        self.descending = descending
        self.offset = offset
        self.limit = limit
    }
}

public struct SenderPage: Sendable, Codable, Equatable {
    /// Rows matching the filter, over all pages.
    public var total: Int
    public var offset: Int
    public var rows: [SenderSummary]
}

/// Which stored sender a command means: an address, narrowed by system and tenant when the
/// address is used on several.
public struct SenderSelector: Sendable, Equatable {
    public var sender: String
    public var system: String?
    public var tenant: String?

    public init(sender: String, system: String? = nil, tenant: String? = nil) {
        self.sender = sender.lowercased()
        self.system = system
        self.tenant = tenant
    }
}
