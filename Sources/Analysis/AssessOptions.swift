import AuthShiftCore

/// The knobs of an assessment, each with the default the report states.
public struct AssessOptions: Sendable {
    /// The day the assessment describes (`--as-of`, default today).
    public var asOf: CalendarDay
    /// The deprecation timeline (`--default-change-date` replaces its date).
    public var timeline: Timeline
    /// Messages (SMTP AUTH clients report) below the first are low volume, at or above the
    /// second high; in between medium.
    public var volumeThresholds: (medium: Int, high: Int)
    /// A sender with no successful use in this many days before `asOf` counts as unused.
    public var recentUseDays: Int
    /// An exception expiring within this many days is reported (`--warn-days`).
    public var warnDays: Int = 14
    /// An app certificate or secret expiring within this many days is flagged (`--credential-warn-days`).
    public var credentialWarnDays: Int = AppCredentialPolicy.defaultWarningDays
    public var generatedBy: String

    public init(
        asOf: CalendarDay, timeline: Timeline = .current, volumeThresholds: (medium: Int, high: Int) = (1_000, 10_000),
        recentUseDays: Int = 30, generatedBy: String = "authshift"
    ) {
        self.asOf = asOf
        self.timeline = timeline
        self.volumeThresholds = volumeThresholds
        self.recentUseDays = recentUseDays
        self.generatedBy = generatedBy
    }

    /// The forecast's assumption, printed in every report.
    public var assumption: String {
        "A sender that authenticates with Basic today stops working at the default change on \(timeline.defaultChangeDate) unless an administrator re-enables Basic SMTP AUTH. \(timeline.finalRemoval)"
    }
}
