import AuthShiftCore

/// Sign-ins folded into one row per (user, client app, IP address, outcome), the shape
/// the migration guide's questions need: who uses Authenticated SMTP, from where, does it
/// work, and why not. Memory grows with distinct groups, never with rows.
public struct SignInSummary: Sendable {
    public struct Key: Hashable, Sendable {
        public let user: String
        public let clientApp: ClientApp
        public let ipAddress: String
        public let outcome: SignInEvent.Outcome
    }

    /// What is counted per key.
    public struct Stats: Sendable, Equatable {
        public internal(set) var count: Int
        public internal(set) var firstSeen: Timestamp?
        public internal(set) var lastSeen: Timestamp?
        /// "50126: Invalid username or password" → occurrences.
        public internal(set) var failureReasons: [String: Int]

        mutating func absorb(_ other: Stats) {
            count += other.count
            firstSeen = SignInSummary.earlier(firstSeen, other.firstSeen)
            lastSeen = SignInSummary.later(lastSeen, other.lastSeen)
            failureReasons.merge(other.failureReasons, uniquingKeysWith: +)
        }
    }

    /// One group as shown to users: its key and its stats.
    public struct Group: Sendable, Equatable {
        public let key: Key
        public let stats: Stats

        public init(key: Key, stats: Stats) {
            self.key = key
            self.stats = stats
        }

        public var user: String { key.user }
        public var clientApp: ClientApp { key.clientApp }
        public var ipAddress: String { key.ipAddress }
        public var outcome: SignInEvent.Outcome { key.outcome }
        public var count: Int { stats.count }
        public var firstSeen: Timestamp? { stats.firstSeen }
        public var lastSeen: Timestamp? { stats.lastSeen }
        public var failureReasons: [String: Int] { stats.failureReasons }
    }

    public private(set) var groups: [Key: Stats] = [:]
    /// Rows read, including those a folded summary keeps only as a count (`SignInDetail`).
    public internal(set) var rows = 0

    public init() {}

    /// An empty summary with room for `minimumCapacity` groups, so filling it never
    /// holds the old and the new table at once while growing.
    init(minimumCapacity: Int) {
        groups.reserveCapacity(minimumCapacity)
    }

    /// Adds a finished group (two apps that classify alike are merged).
    mutating func insert(_ key: Key, _ stats: Stats) {
        rows += stats.count
        if var mine = groups[key] {
            mine.absorb(stats)
            groups[key] = mine
        } else {
            groups[key] = stats
        }
    }

    /// Adds every group of another summary (files read separately, then combined).
    public mutating func merge(_ other: SignInSummary) {
        if groups.isEmpty {
            // The common case (one file, or the first file) takes the other's storage as is.
            let total = rows + other.rows
            self = other
            rows = total
            return
        }
        rows += other.rows
        for (key, stats) in other.groups {
            if var mine = groups[key] {
                mine.absorb(stats)
                groups[key] = mine
            } else {
                groups[key] = stats
            }
        }
    }

    /// Groups sorted by user, client app, IP and outcome, for stable output.
    public var sortedGroups: [Group] {
        var all = groups.map { Group(key: $0.key, stats: $0.value) }
        all.sort { SignInSummary.ordered($0.key, $1.key) }
        return all
    }

    /// User, then client app, then IP address, then outcome. Written field by field rather
    /// than as a tuple, which would copy four strings per comparison.
    public static func ordered(_ a: Key, _ b: Key) -> Bool {
        if a.user != b.user { return a.user < b.user }
        if a.clientApp.name != b.clientApp.name { return a.clientApp.name < b.clientApp.name }
        if a.ipAddress != b.ipAddress { return a.ipAddress < b.ipAddress }
        return a.outcome.rawValue < b.outcome.rawValue
    }

    static func earlier(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    static func later(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }
}
