import Foundation

/// A date without a time of day, as admins write them in exception registers and as the
/// timeline states them. Kept separate from `Date` so that no time zone can shift a
/// deadline by a day.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// A day only when it exists in the Gregorian calendar (see `isValid`).
    public init?(validYear year: Int, month: Int, day: Int) {
        guard CalendarDay.isValid(year: year, month: month, day: day) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD`; returns nil for anything else or an impossible date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(validYear: y, month: m, day: d)
    }

    /// The one rule for whether a day exists, shared by every parser in authshift (the
    /// exports' dates, the admins' typed dates, the command line): a year from 1601 (the
    /// start of the Windows file-time epoch, the earliest any Microsoft export can carry)
    /// to 9999, a month from 1 to 12, and a day within that month, 29 February only in a
    /// Gregorian leap year.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1601...9999).contains(year) && (1...12).contains(month) && day >= 1 && day <= daysIn(month: month, year: year)
    }

    /// Why a day does not exist, in words for an error message, or nil when it does.
    public static func problem(year: Int, month: Int, day: Int) -> String? {
        if !(1601...9999).contains(year) { return "the year \(year) is outside 1601-9999" }
        if !(1...12).contains(month) { return "there is no month \(month)" }
        let days = daysIn(month: month, year: year)
        if day < 1 || day > days { return "\(monthNames[month - 1]) \(year) has \(days) days" }
        return nil
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// The UTC calendar day of an instant.
    public init(utc date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year!, month: c.month!, day: c.day!)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Midnight UTC at the start of this day.
    public var startUTC: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: CalendarDay) -> Int {
        Int((other.startUTC.timeIntervalSince(startUTC) / 86_400).rounded())
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = CalendarDay(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected YYYY-MM-DD, got \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
