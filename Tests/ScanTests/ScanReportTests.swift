import AuthShiftCore
import Testing

@testable import Scan

/// The scan CSV goes through the one CSV writer (AuthShiftCore's `CSVWriter`), so it has the
/// same formula-injection guard as every other CSV authshift writes.
@Suite struct ScanReportCSVTests {
    func finding(file: String, message: String) -> Finding {
        Finding(rule: "EXO-CRED", file: file, line: 3, column: 1, endLine: 4, severity: .high, message: message, replacement: "r")
    }

    @Test func cellsThatCouldRunAsFormulasAreGuarded() {
        let result = TreeScanner.Result(
            filesScanned: 1,
            findings: [
                finding(file: "\tjobs/=cmd.ps1", message: "\rstarts with CR"),
                finding(file: "-2+3.ps1", message: "a; b"),
                finding(file: "@SUM(A1).ps1", message: "plain"),
            ], skipped: [])
        let csv = ScanReport.csv(result)
        #expect(csv.hasPrefix("\u{FEFF}rule,file,line,column,endLine,severity,message,replacement\r\n"))
        #expect(csv.contains("'\tjobs/=cmd.ps1"))
        #expect(csv.contains("\"'\rstarts with CR\""))
        #expect(csv.contains("'-2+3.ps1"))
        #expect(csv.contains("\"a; b\""), "a semicolon is quoted: Excel in many locales splits on it")
        #expect(csv.contains("'@SUM(A1).ps1"))
        #expect(
            csv == CSVWriter.byteOrderMark
                + CSVWriter.line(["rule", "file", "line", "column", "endLine", "severity", "message", "replacement"])
                + result.findings.map { f in
                    CSVWriter.line([
                        f.rule, f.file, String(f.line), String(f.column), String(f.endLine), f.severity.rawValue, f.message, f.replacement,
                    ])
                }.joined())
    }
}

@Suite struct ScanErrorTests {
    @Test func aMissingRootIsAScanErrorNamingIt() {
        #expect(throws: ScanError(.missingInput, path: "/no/such/folder", "no such file or folder")) {
            try TreeScanner.scan(["/no/such/folder"])
        }
    }
}
