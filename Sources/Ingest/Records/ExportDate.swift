import AuthShiftCore

/// Parses every date shape the exports carry, from bytes, without Foundation formatters
/// (sign-in logs have millions of them).
///
/// - ISO 8601: `2025-12-04T08:19:41Z`, fractions `.1234567`, offsets `+01:00`, no zone
///   (taken as UTC: the portal says its timestamps are UTC, docs/exports.md#dates), a space
///   instead of `T`, and the date-only report form `2026-11-28`.
/// - PowerShell 5.1 ConvertTo-Json: `/Date(1720919582928)/`, optionally with `+0000`.
/// - Culture-formatted text from Export-Csv and Log Analytics: `11/28/2026 3:04:05 PM`,
///   `11/28/2026, 3:04:05.123 PM`, `28.11.2026 15:04:05`, `28/11/2026 15:04`. A first
///   number above 12 means day-first, a second above 12 month-first. When both could be
///   either, the file's order decides (`order`, settled once per file and column from all
///   its values by `DateColumnLog`); without one, slashes are read month-first (US) and
///   dots day-first (European), which is how those cultures write them.
public enum ExportDate {
    /// What one value says about the day/month order of its column.
    public enum OrderEvidence: Sendable, Equatable {
        /// ISO, JSON or year-first: no order involved, or day and month are equal.
        case noOrder
        /// The value can only be read this way.
        case proves(DayMonthOrder)
        /// Either order gives a date; it was read in the order given.
        case either(readAs: DayMonthOrder)
    }

    public static func parse(_ text: String) -> Timestamp? {
        var evidence = OrderEvidence.noOrder
        return parse(text, order: nil, evidence: &evidence)
    }

    public static func parse(_ text: String, order: DayMonthOrder?, evidence: inout OrderEvidence) -> Timestamp? {
        var copy = text
        return copy.withUTF8 { parse(bytes: $0, order: order, evidence: &evidence) }
    }

    public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var evidence = OrderEvidence.noOrder
        return parse(bytes: bytes, order: nil, evidence: &evidence)
    }

    public static func parse(bytes: UnsafeBufferPointer<UInt8>, order: DayMonthOrder?, evidence: inout OrderEvidence) -> Timestamp? {
        evidence = .noOrder
        var s = 0
        var e = bytes.count
        while s < e, bytes[s] == 0x20 || bytes[s] == 0x22 { s += 1 }
        while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x22 || bytes[e - 1] == 0x0D { e -= 1 }
        guard e > s else { return nil }
        let b = UnsafeBufferPointer(rebasing: bytes[s..<e])
        if b.count >= 8, b[0] == 0x2F || b[0] == 0x5C || b[0] == UInt8(ascii: "D") { return parseMicrosoftJSON(b) }
        if b.count >= 10, isDigit(b[0]), isDigit(b[1]), isDigit(b[2]), isDigit(b[3]), b[4] == UInt8(ascii: "-") {
            return parseISO(b)
        }
        return parseCultureText(b, order: order, evidence: &evidence)
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    @inline(__always) static func number(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        guard at + count <= b.count else { return nil }
        var v = 0
        for i in at..<(at + count) {
            guard isDigit(b[i]) else { return nil }
            v = v * 10 + Int(b[i] - 0x30)
        }
        return v
    }

    /// The day must exist (`CalendarDay.isValid`, the rule every module shares) and the
    /// time be a time of day (a leap second reads as :59).
    static func valid(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Bool {
        CalendarDay.isValid(year: y, month: m, day: d) && h < 24 && mi < 60 && s < 61
    }

    static func parseISO(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard let y = number(b, 0, 4), b[4] == 0x2D, let m = number(b, 5, 2), b.count >= 10, b[7] == 0x2D,
            let d = number(b, 8, 2)
        else { return nil }
        if b.count == 10 {
            guard valid(y, m, d, 0, 0, 0) else { return nil }
            return .from(year: y, month: m, day: d)
        }
        guard b[10] == UInt8(ascii: "T") || b[10] == 0x20, let h = number(b, 11, 2), b.count > 13, b[13] == 0x3A,
            let mi = number(b, 14, 2)
        else { return nil }
        var i = 16
        var sec = 0
        var ms = 0
        if i < b.count, b[i] == 0x3A {
            guard let s = number(b, i + 1, 2) else { return nil }
            sec = s
            i += 3
            if i < b.count, b[i] == 0x2E || b[i] == 0x2C {
                i += 1
                var digits = 0
                while i < b.count, isDigit(b[i]) {
                    if digits < 3 { ms = ms * 10 + Int(b[i] - 0x30) }
                    digits += 1
                    i += 1
                }
                while digits < 3 {
                    ms *= 10
                    digits += 1
                }
            }
        }
        var offsetMinutes = 0
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                i += 1
            } else if b[i] == 0x2B || b[i] == 0x2D {
                let sign = b[i] == 0x2D ? -1 : 1
                guard let oh = number(b, i + 1, 2) else { return nil }
                var j = i + 3
                if j < b.count, b[j] == 0x3A { j += 1 }
                let om = number(b, j, 2) ?? 0
                if number(b, j, 2) != nil { j += 2 }
                offsetMinutes = sign * (oh * 60 + om)
                i = j
            }
            while i < b.count, b[i] == 0x20 { i += 1 }
            guard i == b.count else { return nil }
        }
        guard valid(y, m, d, h, mi, sec) else { return nil }
        let t = Timestamp.from(year: y, month: m, day: d, hour: h, minute: mi, second: min(sec, 59), millisecond: ms)
        return Timestamp(millisecondsSince1970: t.millisecondsSince1970 - Int64(offsetMinutes) * 60_000)
    }

    static func parseMicrosoftJSON(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        // Accept /Date(ms)/, \/Date(ms)\/ and Date(ms), each with an optional +hhmm.
        var i = 0
        while i < b.count, b[i] == 0x2F || b[i] == 0x5C { i += 1 }
        let word: [UInt8] = Array("Date(".utf8)
        guard i + word.count <= b.count else { return nil }
        for k in 0..<word.count where b[i + k] != word[k] { return nil }
        i += word.count
        var negative = false
        if i < b.count, b[i] == 0x2D {
            negative = true
            i += 1
        }
        var ms: Int64 = 0
        var digits = 0
        while i < b.count, isDigit(b[i]), digits < 16 {
            ms = ms * 10 + Int64(b[i] - 0x30)
            i += 1
            digits += 1
        }
        guard digits > 0 else { return nil }
        while i < b.count, b[i] == 0x2B || b[i] == 0x2D || isDigit(b[i]) { i += 1 }  // the offset names the local zone; ms is UTC
        guard i < b.count, b[i] == 0x29 else { return nil }
        return Timestamp(millisecondsSince1970: negative ? -ms : ms)
    }

    static func parseCultureText(_ b: UnsafeBufferPointer<UInt8>, order: DayMonthOrder?, evidence: inout OrderEvidence) -> Timestamp? {
        // Numbers in order (day, month, year, hour, minute, second, fraction), the separator
        // after the first one, and an AM/PM marker.
        var numbers: [(value: Int, digits: Int)] = []
        var firstSeparator: UInt8 = 0
        var pm: Bool? = nil
        var i = 0
        while i < b.count {
            let c = b[i]
            if isDigit(c) {
                var v = 0
                var digits = 0
                while i < b.count, isDigit(b[i]) {
                    if digits < 9 { v = v * 10 + Int(b[i] - 0x30) }
                    digits += 1
                    i += 1
                }
                numbers.append((v, min(digits, 9)))
                if numbers.count == 1, i < b.count { firstSeparator = b[i] }
                if numbers.count > 7 { return nil }
                continue
            }
            if c | 0x20 == UInt8(ascii: "a") || c | 0x20 == UInt8(ascii: "p") {
                guard pm == nil, i + 1 < b.count, b[i + 1] | 0x20 == UInt8(ascii: "m") else { return nil }
                pm = (c | 0x20) == UInt8(ascii: "p")
                i += 2
                continue
            }
            guard c == 0x2F || c == 0x2E || c == 0x2D || c == 0x20 || c == 0x3A || c == 0x2C else { return nil }
            i += 1
        }
        guard numbers.count >= 3 else { return nil }
        let a = numbers[0].value
        let second = numbers[1].value
        var year = numbers[2].value
        if numbers[2].digits <= 2 { year += 2000 }
        let month: Int
        let day: Int
        if numbers[0].digits == 4 {
            // Year first (2026/11/28, as East Asian cultures write it): no order to decide.
            (year, month, day) = (a, second, numbers[2].value)
        } else if let proven = DayMonthOrder.proven(first: a, second: second) {
            evidence = .proves(proven)
            (month, day) = proven.monthAndDay(first: a, second: second)
        } else {
            let readAs = order ?? (firstSeparator == 0x2E || firstSeparator == 0x2D ? .dmy : .mdy)
            if a != second { evidence = .either(readAs: readAs) }
            (month, day) = readAs.monthAndDay(first: a, second: second)
        }
        var hour = numbers.count > 3 ? numbers[3].value : 0
        let minute = numbers.count > 4 ? numbers[4].value : 0
        let sec = numbers.count > 5 ? numbers[5].value : 0
        var ms = 0
        if numbers.count > 6 {
            var (v, d) = numbers[6]
            while d > 3 {
                v /= 10
                d -= 1
            }
            while d < 3 {
                v *= 10
                d += 1
            }
            ms = v
        }
        if let pm {
            guard hour >= 1 && hour <= 12 else { return nil }
            if pm && hour < 12 { hour += 12 }
            if !pm && hour == 12 { hour = 0 }
        }
        guard valid(year, month, day, hour, minute, sec) else { return nil }
        return .from(year: year, month: month, day: day, hour: hour, minute: minute, second: min(sec, 59), millisecond: ms)
    }
}
