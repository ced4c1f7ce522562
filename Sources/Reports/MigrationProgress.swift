import AuthShiftCore

/// The migration's progress across stored runs, for the reports made from a workspace:
/// the burn-down per tenant, the regressions and the lifecycle counts. Plain values, so the
/// reports do not depend on the workspace's store.
public struct MigrationProgress: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var asOf: CalendarDay
        public var basicSenders: Int
        public var breakingSenders: Int

        public init(asOf: CalendarDay, basicSenders: Int, breakingSenders: Int) {
            self.asOf = asOf
            self.basicSenders = basicSenders
            self.breakingSenders = breakingSenders
        }
    }

    public struct Tenant: Sendable, Equatable {
        public var name: String
        public var defaultChangeDate: CalendarDay
        /// One point per run, oldest first.
        public var points: [Point]
        /// Senders per lifecycle state, in the lifecycle's order.
        public var states: [(String, Int)]

        public init(name: String, defaultChangeDate: CalendarDay, points: [Point], states: [(String, Int)]) {
            self.name = name
            self.defaultChangeDate = defaultChangeDate
            self.points = points
            self.states = states
        }

        public static func == (a: Tenant, b: Tenant) -> Bool {
            a.name == b.name && a.defaultChangeDate == b.defaultChangeDate && a.points == b.points
                && a.states.map(\.0) == b.states.map(\.0) && a.states.map(\.1) == b.states.map(\.1)
        }
    }

    /// A sender that shows Basic again after it was verified or retired.
    public struct Regression: Sendable, Equatable {
        public var tenant: String
        public var sender: String
        public var system: String
        public var since: CalendarDay

        public init(tenant: String, sender: String, system: String, since: CalendarDay) {
            self.tenant = tenant
            self.sender = sender
            self.system = system
            self.since = since
        }
    }

    public var tenants: [Tenant]
    public var regressions: [Regression]

    public init(tenants: [Tenant], regressions: [Regression]) {
        self.tenants = tenants
        self.regressions = regressions
    }

    /// The line every report made from a workspace starts with.
    public var headline: String {
        guard !regressions.isEmpty else { return "No regressions: no verified or retired sender shows Basic SMTP AUTH again." }
        let names = regressions.map { "\($0.sender) (\($0.system), \($0.tenant), since \($0.since))" }.joined(separator: "; ")
        return "REGRESSED: \(regressions.count) sender(s) show Basic SMTP AUTH again after they were verified or retired: \(names)"
    }
}
