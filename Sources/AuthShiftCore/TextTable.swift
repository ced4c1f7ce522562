/// A plain-text table for the terminal: left-aligned columns padded to the widest cell,
/// a rule under the header, long cells cut with an ellipsis. Control characters in cells are
/// shown escaped (`TerminalText`): cells often hold what devices and exports sent.
public struct TextTable {
    public var header: [String]
    public var rows: [[String]] = []
    public var maximumCellWidth: Int

    public init(header: [String], maximumCellWidth: Int = 48) {
        self.header = header
        self.maximumCellWidth = maximumCellWidth
    }

    public mutating func add(_ row: [String]) { rows.append(row.map { TerminalText.escaped($0) }) }

    public func render() -> String {
        let all = [header] + rows
        let cut = all.map { $0.map { $0.count > maximumCellWidth ? String($0.prefix(maximumCellWidth - 1)) + "…" : $0 } }
        var widths = [Int](repeating: 0, count: header.count)
        for row in cut { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in row.enumerated() where i < widths.count {
                parts.append(i == row.count - 1 ? cell : cell.padded(to: widths[i]))
            }
            return parts.joined(separator: "  ").trimmingEnd(" ")
        }
        var out = line(cut[0]) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cut.dropFirst() { out += line(row) + "\n" }
        return out
    }
}

extension String {
    func padded(to length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
