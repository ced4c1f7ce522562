import Foundation

/// An instant in UTC, in milliseconds since 1970, as the exports carry them.
///
/// Integer milliseconds keep comparisons exact and cheap in the sign-in hot path, and
/// match PowerShell 5.1's `\/Date(ms)\/` form.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) { self.millisecondsSince1970 = millisecondsSince1970 }

    public init(_ date: Date) { millisecondsSince1970 = Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000) }

    public var day: CalendarDay { CalendarDay(utc: date) }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.millisecondsSince1970 < b.millisecondsSince1970 }

    /// ISO 8601 in UTC with a `Z`, to the second (`2026-11-28T08:19:41Z`).
    public var description: String { iso8601(milliseconds: false) }

    /// ISO 8601 in UTC to the millisecond (`2026-11-28T08:19:41.042Z`), for logs and the bridge's
    /// spool, where delivery latency is measured from it.
    public var iso8601WithMilliseconds: String { iso8601(milliseconds: true) }

    /// RFC 5322 §3.3 date-time in UTC (`Sat, 28 Nov 2026 08:19:41 +0000`), for Date headers.
    public var rfc5322: String {
        let f = fields
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[Int(((f.days % 7) + 7) % 7)]
        return "\(weekday), \(f.day.zeroPadded(2)) \(months[f.month - 1]) \(f.year.zeroPadded(4)) "
            + "\(f.hour.zeroPadded(2)):\(f.minute.zeroPadded(2)):\(f.second.zeroPadded(2)) +0000"
    }

    private var fields: (days: Int64, year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        var seconds = millisecondsSince1970 / 1000
        if millisecondsSince1970 < 0 && millisecondsSince1970 % 1000 != 0 { seconds -= 1 }
        let millisecond = Int(millisecondsSince1970 - seconds * 1000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (y, m, d) = Timestamp.civil(fromDays: days)
        return (days, y, m, d, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60, millisecond)
    }

    private func iso8601(milliseconds: Bool) -> String {
        // Built by hand: String(format:) showed up in profiles of large summaries.
        let f = fields
        var bytes = [UInt8](repeating: 0, count: milliseconds ? 24 : 20)
        func put(_ value: Int, _ at: Int, _ width: Int) {
            var v = value
            for i in stride(from: at + width - 1, through: at, by: -1) {
                bytes[i] = UInt8(48 + v % 10)
                v /= 10
            }
        }
        put(f.year, 0, 4)
        bytes[4] = 45
        put(f.month, 5, 2)
        bytes[7] = 45
        put(f.day, 8, 2)
        bytes[10] = 84
        put(f.hour, 11, 2)
        bytes[13] = 58
        put(f.minute, 14, 2)
        bytes[16] = 58
        put(f.second, 17, 2)
        if milliseconds {
            bytes[19] = 46
            put(f.millisecond, 20, 3)
        }
        bytes[bytes.count - 1] = 90
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    public static func from(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0)
        -> Timestamp
    {
        let days = Timestamp.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Timestamp(millisecondsSince1970: seconds * 1000 + Int64(millisecond))
    }
}
