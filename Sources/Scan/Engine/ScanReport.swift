import AuthShiftCore
import Foundation

/// Writes scan results as text, the JSON contract (`authshift.scan/1`) or CSV.
public enum ScanReport {
    struct Document: Codable {
        let schema: String
        let filesScanned: Int
        let findings: [Finding]
    }

    public static func json(_ r: TreeScanner.Result) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(
            decoding: try encoder.encode(Document(schema: "authshift.scan/1", filesScanned: r.filesScanned, findings: r.findings)),
            as: UTF8.self) + "\n"
    }

    public static func text(_ r: TreeScanner.Result) -> String {
        var s = ""
        for f in r.findings {
            s += "\(f.file):\(f.line):\(f.column): \(f.severity.rawValue) \(f.rule): \(f.message)\n    replace with: \(f.replacement)\n"
        }
        s += "\(r.findings.count) finding(s) in \(r.filesScanned) file(s) scanned\n"
        return s
    }

    /// Through the one CSV writer (`CSVWriter`): RFC 4180 quoting, CRLF, a BOM, and cells that
    /// could run as spreadsheet formulas (a file or folder name can start with `=`) defused.
    public static func csv(_ r: TreeScanner.Result) -> String {
        var csv = CSVWriter(header: ["rule", "file", "line", "column", "endLine", "severity", "message", "replacement"])
        for f in r.findings {
            csv.row([f.rule, f.file, String(f.line), String(f.column), String(f.endLine), f.severity.rawValue, f.message, f.replacement])
        }
        return csv.text
    }
}
