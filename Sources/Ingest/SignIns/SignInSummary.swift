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

    public mutating func add(_ event: SignInEvent) {
        rows += 1
        let key = Key(user: event.user, clientApp: event.clientApp, ipAddress: event.ipAddress, outcome: event.outcome)
        if groups[key] == nil {
            groups[key] = Group(user: event.user, clientApp: event.clientApp, ipAddress: event.ipAddress,
                                outcome: event.outcome, count: 0, firstSeen: nil, lastSeen: nil, failureReasons: [:])
        }
        groups[key]!.absorb(event)
    }

    /// Adds a finished group (two apps that classify alike are merged).
    mutating func insert(_ group: Group) {
        rows += group.count
        var other = SignInSummary()
        other.groups[Key(user: group.user, clientApp: group.clientApp, ipAddress: group.ipAddress, outcome: group.outcome)] = group
        other.rows = 0
        merge(other)
    }

    /// Adds every group of another summary (files read separately, then combined).
    public mutating func merge(_ other: SignInSummary) {
        rows += other.rows
        for (key, group) in other.groups {
            if var mine = groups[key] {
                mine.count += group.count
                mine.firstSeen = SignInSummary.earlier(mine.firstSeen, group.firstSeen)
                mine.lastSeen = SignInSummary.later(mine.lastSeen, group.lastSeen)
                mine.failureReasons.merge(group.failureReasons, uniquingKeysWith: +)
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
    mutating func absorb(_ event: SignInEvent) {
        count += 1
        if let t = event.time {
            if firstSeen == nil || t < firstSeen! { firstSeen = t }
            if lastSeen == nil || t > lastSeen! { lastSeen = t }
        }
        if event.outcome != .success, event.errorCode != nil || event.failureReason != nil {
            let code = event.errorCode.map(String.init) ?? "?"
            let reason = event.failureReason ?? ""
            failureReasons[reason.isEmpty ? code : "\(code): \(reason)", default: 0] += 1
        }
    }
}
