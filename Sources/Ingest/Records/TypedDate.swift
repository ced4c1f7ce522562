import AuthShiftCore
import Foundation

/// A date typed by a person into `exceptions.csv` or `inventory.csv`, in any locale, often
/// through Excel. Read strictly, because an exception's expiry is a compliance control:
///
/// - `YYYY-MM-DD` is the documented form (also `YYYY/MM/DD`, `YYYY.MM.DD`, and a time after
///   it, which Excel adds to date cells).
/// - `dd/mm/yyyy` or `mm/dd/yyyy` (slashes, dots or dashes; a two-digit year is 20yy): a first
///   number above 12 proves day first, a second above 12 month first. Where neither tells,
///   the file decides (`TypedDateOrder`): one row that proves the order settles it for the
///   whole file, else `--date-order`, else the value is an error that says how to write it.
/// - A five-digit number is an Excel serial date (days since 1899-12-30; `46388` is
///   2027-01-01), what a date cell becomes when Excel saves it as a number.
/// - A day that does not exist (2027-02-31) is an error, never rolled into March: the one
///   rule is `CalendarDay.isValid`.
public enum TypedDate {
    public enum Reading: Sendable, Equatable {
        case day(CalendarDay)
        /// Two numbers whose order decides which is the day.
        case numeric(first: Int, second: Int, year: Int)
    }

    public struct Problem: Error, Sendable, Equatable {
        public var message: String
    }

    public static let howToWrite = "write it as YYYY-MM-DD (for example 2027-03-31)"

    public static func read(_ raw: String) throws(Problem) -> Reading {
        let text = raw.trimmingCharacters(in: .whitespaces)
        var datePart = Substring(text)
        var timePart = Substring("")
        if let space = text.firstIndex(of: " ") {
            datePart = text[..<space]
            timePart = text[text.index(after: space)...]
        } else if text.count > 10, text.dropFirst(4).first == "-", let t = text.firstIndex(of: "T") {
            datePart = text[..<t]
            timePart = text[text.index(after: t)...]
        }
        guard timePart.isEmpty || isTimeOfDay(timePart) else { throw notADate(raw) }

        if datePart.count == 5 || (datePart.count > 6 && datePart.dropFirst(5).first == "."), let serial = Int(datePart.prefix(5)),
            datePart.dropFirst(5).allSatisfy({ $0 == "." || $0.isASCII && $0.isNumber })
        {
            return .day(excelSerial(serial))
        }
        guard let separator = datePart.first(where: { !($0.isASCII && $0.isNumber) }), "/.-".contains(separator) else {
            throw notADate(raw)
        }
        let parts = datePart.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let a = Int(parts[0]), let b = Int(parts[1]), var c = Int(parts[2])
        else { throw notADate(raw) }
        if parts[0].count == 4 {
            guard parts[1].count <= 2, parts[2].count <= 2 else { throw notADate(raw) }
            return .day(try valid(year: a, month: b, day: c, raw))
        }
        guard parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 || parts[2].count == 2 else { throw notADate(raw) }
        if parts[2].count == 2 { c += 2000 }
        guard a > 0, b > 0 else { throw Problem(message: "\"\(raw)\" is not a date: no day or month is 0; \(howToWrite)") }
        if a > 12 && b > 12 { throw Problem(message: "\"\(raw)\" is not a date: neither \(a) nor \(b) is a month; \(howToWrite)") }
        if let order = DayMonthOrder.proven(first: a, second: b) {
            let (month, day) = order.monthAndDay(first: a, second: b)
            return .day(try valid(year: c, month: month, day: day, raw))
        }
        if a == b { return .day(try valid(year: c, month: a, day: b, raw)) }
        return .numeric(first: a, second: b, year: c)
    }

    /// The day a reading names, in `order` when it needs one.
    public static func day(_ reading: Reading, order: DayMonthOrder?, raw: String) throws(Problem) -> CalendarDay {
        switch reading {
        case .day(let day): return day
        case .numeric(let first, let second, let year):
            guard let order else { throw ambiguous(raw, first: first, second: second, year: year) }
            let (month, day) = order.monthAndDay(first: first, second: second)
            return try valid(year: year, month: month, day: day, raw)
        }
    }

    static func valid(year: Int, month: Int, day: Int, _ raw: String) throws(Problem) -> CalendarDay {
        if let problem = CalendarDay.problem(year: year, month: month, day: day) {
            throw Problem(message: "\"\(raw)\" is not a date: \(problem); \(howToWrite)")
        }
        return CalendarDay(year: year, month: month, day: day)
    }

    static func notADate(_ raw: String) -> Problem {
        Problem(message: "expected a date, found \"\(raw)\"; \(howToWrite)")
    }

    static func ambiguous(_ raw: String, first: Int, second: Int, year: Int) -> Problem {
        let dmy = CalendarDay(validYear: year, month: second, day: first)
        let mdy = CalendarDay(validYear: year, month: first, day: second)
        let names = CalendarDay.monthNames
        return Problem(
            message:
                "\"\(raw)\" could be \(first) \(names[second - 1]) or \(second) \(names[first - 1]) \(year), and no row of this file has a day above 12 to tell; "
                + "write it as \(dmy?.description ?? "?") or \(mdy?.description ?? "?") (YYYY-MM-DD), or pass --date-order dmy or --date-order mdy"
        )
    }

    /// Excel's serial day: 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was,
    /// so from 1 March 1900 on a serial is days since 1899-12-30. Five digits cover 1927 to 2173.
    static func excelSerial(_ serial: Int) -> CalendarDay {
        Timestamp(millisecondsSince1970: Int64(serial - 25_569) * 86_400_000).day
    }

    /// `0:00`, `00:00:00`, `12:00:00 AM`, `15:04:05.123`.
    static func isTimeOfDay(_ text: Substring) -> Bool {
        var t = text.trimmingCharacters(in: .whitespaces).uppercased()
        if t.hasSuffix("AM") || t.hasSuffix("PM") { t = String(t.dropLast(2)).trimmingCharacters(in: .whitespaces) }
        if t.hasSuffix("Z") { t.removeLast() }
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return false }
        return parts.allSatisfy { p in !p.isEmpty && p.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } }
    }
}
