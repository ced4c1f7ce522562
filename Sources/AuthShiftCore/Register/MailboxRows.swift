/// The register's mailbox rows, one per mailbox.
///
/// Read back from register.json they are held in an array. Made by `assess` they are
/// evaluated when asked for, one at a time, and never all held: a row carries its
/// explanation sentences and evidence (about 2 KB), so holding 100,000 of them cost hundreds of
/// megabytes, while the addresses and the evaluator they are made from cost a few (issue 19,
/// docs/benchmarks.md). Each pass over an evaluated collection evaluates again; the evaluation
/// is deterministic, so every pass sees the same rows.
public struct MailboxRows: RandomAccessCollection, Sendable, Equatable, Codable, ExpressibleByArrayLiteral {
    private enum Storage: Sendable {
        case held([MailboxRow])
        case evaluated(count: Int, row: @Sendable (Int) -> MailboxRow)
    }

    private let storage: Storage

    /// True when the rows are made on demand rather than held.
    public var isEvaluated: Bool {
        if case .evaluated = storage { return true }
        return false
    }

    public init(_ rows: [MailboxRow]) { storage = .held(rows) }

    public init(arrayLiteral rows: MailboxRow...) { storage = .held(rows) }

    /// `count` rows, the row at a position made by `row` each time it is asked for.
    public init(count: Int, row: @escaping @Sendable (Int) -> MailboxRow) { storage = .evaluated(count: count, row: row) }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .held(let rows): return rows.count
        case .evaluated(let count, _): return count
        }
    }

    public subscript(position: Int) -> MailboxRow {
        switch storage {
        case .held(let rows): return rows[position]
        case .evaluated(_, let row): return row(position)
        }
    }

    public static func == (a: MailboxRows, b: MailboxRows) -> Bool { a.elementsEqual(b) }

    /// A JSON array, like `[MailboxRow]`.
    public init(from decoder: any Decoder) throws {
        storage = .held(try [MailboxRow](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for row in self { try container.encode(row) }
    }
}
