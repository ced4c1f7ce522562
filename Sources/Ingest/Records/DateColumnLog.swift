import AuthShiftCore

/// Settles the day/month order of a file's date columns once per file and column, from all
/// their values, instead of value by value (where `01/02/2026` in an en-GB export would be
/// read as 2 January next to `13/02/2026` read as 13 February).
///
/// A file is read with the order known beforehand (`--date-order`, or on a second reading
/// the order the first proved); every value's evidence is counted per column; when a column
/// proves an order that some of its ambiguous values were not read in, the file is read
/// again with that order (`ExportFileReader`). Only such files pay for a second reading.
///
/// One log belongs to the reading of one file on one thread (a split sign-in file counts
/// in value-typed `DateTally`s per thread and hands them over at the end).
public final class DateColumnLog: @unchecked Sendable {
    /// `--date-order`, for columns whose values do not prove an order.
    public let option: DayMonthOrder?
    /// Orders proven by a first reading, by column.
    let proven: [String: DayMonthOrder]
    private(set) var tallies: [String: DateTally] = [:]
    private(set) var columns: [String] = []
    /// The order decided for a people-written file's typed dates (`TypedDateOrder`).
    public internal(set) var typedOrder: DayMonthOrder?
    var typedNotes: [DateOrderNote] = []

    public init(option: DayMonthOrder?, proven: [String: DayMonthOrder] = [:]) {
        self.option = option
        self.proven = proven
    }

    /// The order to read a column's ambiguous values in; nil leaves it to the separator.
    public func order(for column: String) -> DayMonthOrder? { proven[column] ?? option }

    public func record(column: String, _ evidence: ExportDate.OrderEvidence, line: Int, value: @autoclosure () -> String) {
        if tallies[column] == nil { columns.append(column) }
        tallies[column, default: DateTally()].add(evidence, line: line, value: value())
    }

    public func absorb(column: String, _ tally: DateTally) {
        if tallies[column] == nil { columns.append(column) }
        tallies[column, default: DateTally()].merge(tally, lineOffset: 0)
    }

    /// The orders to read the file again with, or nil when every column was read consistently.
    public func rereading() -> [String: DayMonthOrder]? {
        let needed = tallies.filter { $0.value.needsRereading }
        guard !needed.isEmpty else { return nil }
        var orders = proven
        for (column, tally) in needed { orders[column] = tally.provenOrder }
        return orders
    }

    /// One note per column whose values involved the order, in the order the columns were first seen.
    public func notes() -> [DateOrderNote] {
        typedNotes + columns.compactMap { DateOrderNote.machine(column: $0, tally: tallies[$0]!, option: option) }
    }
}
