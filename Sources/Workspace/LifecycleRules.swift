import AuthShiftCore

/// The automatic transitions, decided from one run's evidence about one sender.
///
/// - `cut-over` becomes `verified` when a run at least `verifyAfterDays` after the start of the
///   clean period shows no Basic SMTP AUTH for the sender (the report's and the sign-ins'
///   evidence, as the register's `currentAuth` combines them). The clean period starts on the
///   day the sender was cut over, and again on the day of any later run that still shows Basic.
/// - `verified` or `retired` becomes `regressed` when a run shows Basic again.
///
/// Runs dated before the sender's current state was set never move it.
public struct LifecycleRules: Sendable, Equatable {
    public var verifyAfterDays: Int

    public init(verifyAfterDays: Int = 14) {
        self.verifyAfterDays = verifyAfterDays
    }

    /// A sender's lifecycle as the rules need it.
    public struct Progress: Sendable, Equatable {
        public var state: LifecycleState
        /// The day the current state was set.
        public var stateSince: CalendarDay
        /// Start of the current period without Basic, for a cut-over sender.
        public var cleanSince: CalendarDay?

        public init(state: LifecycleState, stateSince: CalendarDay, cleanSince: CalendarDay? = nil) {
            self.state = state
            self.stateSince = stateSince
            self.cleanSince = cleanSince
        }
    }

    /// What a run says about a sender: whether it used Basic, as of the run's day.
    public struct Evidence: Sendable, Equatable {
        public var asOf: CalendarDay
        public var showsBasic: Bool

        public init(asOf: CalendarDay, showsBasic: Bool) {
            self.asOf = asOf
            self.showsBasic = showsBasic
        }
    }

    /// The progress after the evidence, and the reason when the state changed.
    public func apply(_ evidence: Evidence, to progress: Progress) -> (progress: Progress, reason: String?) {
        guard evidence.asOf >= progress.stateSince else { return (progress, nil) }
        var next = progress
        switch progress.state {
        case .cutOver:
            if evidence.showsBasic {
                next.cleanSince = evidence.asOf
                return (next, nil)
            }
            let start = progress.cleanSince ?? progress.stateSince
            next.cleanSince = start
            if start.days(until: evidence.asOf) >= verifyAfterDays {
                next.state = .verified
                next.stateSince = evidence.asOf
                next.cleanSince = nil
                return (next, "no Basic SMTP AUTH from \(start) to \(evidence.asOf) (\(verifyAfterDays) days or more)")
            }
            return (next, nil)
        case .verified, .retired:
            guard evidence.showsBasic else { return (progress, nil) }
            next.state = .regressed
            next.stateSince = evidence.asOf
            next.cleanSince = nil
            return (next, "Basic SMTP AUTH seen again in the run as of \(evidence.asOf) after it was \(progress.state.rawValue)")
        default:
            return (progress, nil)
        }
    }

    /// Whether a register row shows Basic SMTP AUTH in use (successful or failing attempts).
    public static func showsBasic(_ row: SenderRow) -> Bool {
        row.currentAuth == .basic || row.currentAuth == .mixed || row.failingNow
    }
}
