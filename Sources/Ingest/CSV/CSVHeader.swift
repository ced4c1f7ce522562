/// The header row of a CSV export, matched the way Microsoft's files need it.
///
/// Names are compared case-insensitively but otherwise *exactly*: the portal sign-in
/// download has `"Application ID "` with a trailing space and `"Autonomous system  number"`
/// with two spaces (docs/exports.md#sign-in-logs-csv), and a column must be found by the name Microsoft
/// wrote, not a cleaned one. Duplicate names (`"Incoming token type"` twice) keep every
/// position.
public struct CSVHeader: Sendable, Equatable {
    public let names: [String]
    private let positions: [String: [Int]]

    public init(names: [String]) {
        self.names = names
        var positions: [String: [Int]] = [:]
        for (i, name) in names.enumerated() {
            positions[CSVHeader.key(name), default: []].append(i)
        }
        self.positions = positions
    }

    static func key(_ name: String) -> String { name.lowercased() }

    /// The first position of a column, trying each alias in order.
    public func index(of aliases: String...) -> Int? { index(ofAny: aliases) }

    public func index(ofAny aliases: [String]) -> Int? {
        for alias in aliases {
            if let found = positions[CSVHeader.key(alias)]?.first { return found }
        }
        return nil
    }

    /// Every position of a column name (more than one for duplicated headers).
    public func indices(of name: String) -> [Int] { positions[CSVHeader.key(name)] ?? [] }

    public func contains(_ name: String) -> Bool { positions[CSVHeader.key(name)] != nil }

    /// Names that appear more than once, for the inspection report.
    public var duplicatedNames: [String] {
        var seen = Set<String>()
        return names.filter { positions[CSVHeader.key($0)]!.count > 1 && seen.insert(CSVHeader.key($0)).inserted }
    }
}
