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

    public struct Group: Sendable, Equatable {
        public let user: String
        public let clientApp: ClientApp
        public let ipAddress: String
        public let outcome: SignInEvent.Outcome
        public internal(set) var count: Int
        public internal(set) var firstSeen: Timestamp?
        public internal(set) var lastSeen: Timestamp?
        /// "50126: Invalid username or password" → occurrences.
        public internal(set) var failureReasons: [String: Int]
    }

    public private(set) var groups: [Key: Group] = [:]
    public private(set) var rows = 0

    public init() {}

    /// Adds a finished group (two apps that classify alike are merged).
    mutating func insert(_ group: Group) {
        rows += group.count
        let key = Key(user: group.user, clientApp: group.clientApp, ipAddress: group.ipAddress, outcome: group.outcome)
        if var mine = groups[key] {
            mine.absorb(group)
            groups[key] = mine
        } else {
            groups[key] = group
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
        for (key, group) in other.groups {
            if var mine = groups[key] {
                mine.absorb(group)
                groups[key] = mine
            } else {
                groups[key] = group
            }
        }
    }

    /// Groups sorted by user, client app, IP and outcome, for stable output.
    public var sortedGroups: [Group] {
        groups.values.sorted {
            ($0.user, $0.clientApp.name, $0.ipAddress, $0.outcome.rawValue) < ($1.user, $1.clientApp.name, $1.ipAddress, $1.outcome.rawValue)
        }
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

extension SignInSummary.Group {
    /// Adds another group with the same key.
    mutating func absorb(_ other: SignInSummary.Group) {
        count += other.count
        firstSeen = SignInSummary.earlier(firstSeen, other.firstSeen)
        lastSeen = SignInSummary.later(lastSeen, other.lastSeen)
        failureReasons.merge(other.failureReasons, uniquingKeysWith: +)
    }
}
