import ArgumentParser
import AuthShiftCore
import Foundation

/// Options shared by the commands that assess a tenant (assess, explain-mailbox).
struct AssessmentOptions: ParsableArguments {
    @Option(help: "The day to assess as (YYYY-MM-DD, default today, UTC).")
    var asOf: String?

    @Option(
        help:
            "Override the day SMTP AUTH Basic is disabled by default (YYYY-MM-DD; default \(Timeline.current.defaultChangeDate), per Microsoft's 27 January 2026 timeline)."
    )
    var defaultChangeDate: String?

    @Option(help: "Messages at which volume becomes medium and high, as MEDIUM,HIGH.")
    var volumeThresholds = "1000,10000"

    @Option(help: "A sender with no successful use in this many days counts as unused.")
    var recentUseDays = 30

    @Option(
        name: .customLong("credential-warn-days"),
        help: "Flag app certificates and client secrets (Graph app registrations among the exports) expiring within this many days."
    )
    var credentialWarnDays = AppCredentialPolicy.defaultWarningDays

    @Option(help: "Sender inventory CSV (default: inventory.csv found among the exports).")
    var inventory: String?

    func validate() throws {
        if let asOf, CalendarDay(iso: asOf) == nil { throw ValidationError("--as-of must be a date like 2026-11-29.") }
        if let d = defaultChangeDate, CalendarDay(iso: d) == nil {
            throw ValidationError("--default-change-date must be a date like 2026-12-31.")
        }
        if thresholds == nil { throw ValidationError("--volume-thresholds must be two increasing whole numbers, like 1000,10000.") }
        if !(0...365).contains(credentialWarnDays) { throw ValidationError("--credential-warn-days must be 0 to 365.") }
        if recentUseDays < 1 { throw ValidationError("--recent-use-days must be at least 1.") }
    }

    var thresholds: (medium: Int, high: Int)? {
        let parts = volumeThresholds.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts[0] > 0, parts[1] > parts[0] else { return nil }
        return (parts[0], parts[1])
    }

    var asOfDay: CalendarDay { asOf.flatMap(CalendarDay.init(iso:)) ?? CalendarDay(utc: Date()) }

    var timeline: Timeline {
        defaultChangeDate.flatMap(CalendarDay.init(iso:)).map { Timeline.current.withDefaultChangeDate($0) } ?? .current
    }
}
