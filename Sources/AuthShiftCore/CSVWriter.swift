/// Writes CSV that Excel, LibreOffice and `Import-Csv` all open the same way.
///
/// RFC 4180 quoting; CRLF line ends; a UTF-8 BOM so Excel does not read addresses with
/// accents as ANSI; and cells that start with `=`, `+`, `-`, `@`, tab or CR are prefixed
/// with `'` so a crafted sender name or failure reason cannot run as a spreadsheet
/// formula (OWASP "CSV injection").
public struct CSVWriter {
    public private(set) var text = "\u{FEFF}"

    public init(header: [String]) {
        row(header)
    }

    public mutating func row(_ cells: [String]) {
        text += CSVWriter.line(cells)
    }

    /// One CSV line with its CRLF, for writers that stream rows.
    public static func line(_ cells: [String]) -> String {
        cells.map(CSVWriter.cell).joined(separator: ",") + "\r\n"
    }

    /// The byte-order mark that starts every CSV authshift writes.
    public static let byteOrderMark = "\u{FEFF}"

    public static func cell(_ value: String) -> String {
        var v = value
        let utf8 = v.utf8
        if let first = utf8.first,
            [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first),
            !isPlainNumber(v)
        {
            v = "'" + v
        }
        let needsQuotes =
            v.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x3B }
            || v.utf8.first == 0x20 || v.utf8.last == 0x20
        if needsQuotes {
            return "\"" + v.replacingQuotes() + "\""
        }
        return v
    }

    /// Negative numbers are data, not formulas.
    static func isPlainNumber(_ s: String) -> Bool {
        Double(s) != nil
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        out.reserveCapacity(count + 2)
        for c in self {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out
    }
}
