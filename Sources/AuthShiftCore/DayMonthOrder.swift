/// The order of day and month in a date written with slashes, dots or dashes
/// (`01/02/2027`), which the text alone cannot always tell: a UK admin means 1 February,
/// a US admin 2 January, and Windows PowerShell 5.1's Export-Csv writes whichever the
/// machine's culture uses.
public enum DayMonthOrder: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Day first: `31/01/2027`, `31.01.2027`.
    case dmy
    /// Month first: `01/31/2027`.
    case mdy

    public var description: String {
        switch self {
        case .dmy: return "day first (dd/mm/yyyy)"
        case .mdy: return "month first (mm/dd/yyyy)"
        }
    }

    /// (month, day) from the first two numbers as written.
    public func monthAndDay(first: Int, second: Int) -> (month: Int, day: Int) {
        self == .dmy ? (second, first) : (first, second)
    }

    /// The order a pair of numbers proves: a first number above 12 can only be a day, a
    /// second above 12 only a day; nil when both could be either (or are equal, when the
    /// order does not matter).
    public static func proven(first: Int, second: Int) -> DayMonthOrder? {
        if first > 12 && second <= 12 { return .dmy }
        if second > 12 && first <= 12 { return .mdy }
        return nil
    }
}
