import AuthShiftCore

/// What the values of one date column say about its day/month order, counted while a
/// file is read (a value type, so each thread of a split sign-in file keeps its own and
/// they are merged).
public struct DateTally: Sendable, Equatable {
    public struct Sample: Sendable, Equatable {
        public var line: Int
        public var value: String
    }

    /// Values that can only be read one way, with the first of each.
    public var proofs: [DayMonthOrder: Int] = [:]
    public var firstProof: [DayMonthOrder: Sample] = [:]
    /// Values that could be read either way, by the order they were read in.
    public var either: [DayMonthOrder: Int] = [:]
    public var firstEither: Sample?

    public init() {}

    public var ambiguous: Int { either.values.reduce(0, +) }

    @inline(__always)
    public mutating func add(_ evidence: ExportDate.OrderEvidence, line: Int, value: @autoclosure () -> String) {
        switch evidence {
        case .noOrder: break
        case .proves(let order):
            if proofs[order, default: 0] == 0 { firstProof[order] = Sample(line: line, value: value()) }
            proofs[order, default: 0] += 1
        case .either(let order):
            if firstEither == nil { firstEither = Sample(line: line, value: value()) }
            either[order, default: 0] += 1
        }
    }

    public mutating func merge(_ other: DateTally, lineOffset: Int) {
        for (order, n) in other.proofs {
            if proofs[order, default: 0] == 0, var sample = other.firstProof[order] {
                sample.line += lineOffset
                firstProof[order] = sample
            }
            proofs[order, default: 0] += n
        }
        for (order, n) in other.either { either[order, default: 0] += n }
        if firstEither == nil, var sample = other.firstEither {
            sample.line += lineOffset
            firstEither = sample
        }
    }

    /// The one order the column proves, when it proves exactly one.
    public var provenOrder: DayMonthOrder? {
        let proven = DayMonthOrder.allCases.filter { proofs[$0, default: 0] > 0 }
        return proven.count == 1 ? proven[0] : nil
    }

    /// True when some ambiguous values were read in another order than the one the column proves.
    public var needsRereading: Bool {
        guard let proven = provenOrder else { return false }
        return either.contains { $0.key != proven && $0.value > 0 }
    }
}

/// How the day/month order of one date column was decided, shown by `inspect`.
public struct DateOrderNote: Sendable, Codable, Equatable {
    public enum Basis: String, Sendable, Codable {
        /// A value in the file can only be read one way.
        case proven
        /// `--date-order`.
        case option
        /// No value tells, and no `--date-order` was given.
        case undecided
        /// Values prove both orders.
        case conflicting
    }

    public var column: String
    /// The order used for values that could be read either way (nil when none was decided).
    public var order: DayMonthOrder?
    public var basis: Basis
    /// The value that proves it, e.g. `line 12 ("28/11/2026 15:04")`.
    public var evidence: String?
    /// Values that alone could be read either way.
    public var ambiguousValues: Int

    public init(column: String, order: DayMonthOrder?, basis: Basis, evidence: String?, ambiguousValues: Int) {
        self.column = column
        self.order = order
        self.basis = basis
        self.evidence = evidence
        self.ambiguousValues = ambiguousValues
    }

    /// One sentence for `inspect`.
    public var sentence: String {
        let either =
            ambiguousValues == 1 ? "1 value alone could be read either way" : "\(ambiguousValues) values alone could be read either way"
        switch basis {
        case .proven:
            return "dates in \"\(column)\": \(order!), proven by \(evidence ?? "a value"); used for the whole file (\(either))"
        case .option:
            return "dates in \"\(column)\": \(order!), from --date-order; no value in the file proves the order (\(either))"
        case .undecided:
            return
                "dates in \"\(column)\": day/month order undecided: no value has a day above 12, so \(either); read month first for slashes and day first for dots, as Windows cultures write them. Pass --date-order dmy or --date-order mdy to settle it"
        case .conflicting:
            return
                "dates in \"\(column)\": values prove both orders (\(evidence ?? "")); each such value is read as it proves, and \(either)"
        }
    }

    static func show(_ sample: DateTally.Sample) -> String { "line \(sample.line) (\"\(sample.value)\")" }

    /// The note for a column read as machine export, or nil when no value involved the order.
    static func machine(column: String, tally: DateTally, option: DayMonthOrder?) -> DateOrderNote? {
        guard !tally.proofs.isEmpty || tally.ambiguous > 0 else { return nil }
        let proven = DayMonthOrder.allCases.filter { tally.proofs[$0, default: 0] > 0 }
        if proven.count == 2 {
            return DateOrderNote(
                column: column, order: nil, basis: .conflicting,
                evidence: proven.compactMap { o in tally.firstProof[o].map { "\(o.rawValue) at \(show($0))" } }.joined(separator: ", "),
                ambiguousValues: tally.ambiguous)
        }
        if let order = proven.first {
            return DateOrderNote(
                column: column, order: order, basis: .proven, evidence: tally.firstProof[order].map(show), ambiguousValues: tally.ambiguous)
        }
        if let option {
            return DateOrderNote(column: column, order: option, basis: .option, evidence: nil, ambiguousValues: tally.ambiguous)
        }
        return DateOrderNote(
            column: column, order: nil, basis: .undecided, evidence: tally.firstEither.map(show), ambiguousValues: tally.ambiguous)
    }
}
