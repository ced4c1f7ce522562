import AuthShiftCore
import Foundation
import Testing

@testable import Analysis
@testable import Ingest
@testable import Reports

/// Pins report.md and report.html for Examples/contoso as of a fixed day (the register carries
/// no clock time, so the output is stable). Re-record after an intended change with:
///   AUTHSHIFT_RECORD_GOLDEN=1 swift test --filter ReportGoldenTests
@Suite struct ReportGoldenTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0]
    static let golden = root + "/Tests/ReportsTests/Golden"

    /// The contoso register and checklist as `assess --as-of 2026-11-28` builds them.
    static func assessed() throws -> (Register, [CheckResult]) {
        let result = try ExportFolderReader.read([root + "/Examples/contoso"])
        let options = AssessOptions(asOf: CalendarDay(year: 2026, month: 11, day: 28), generatedBy: "authshift test")
        let register = Assessor.assess(result.snapshot, files: result.files, options: options)
        let checklist = Planner.plan(snapshot: result.snapshot, register: register, warnDays: options.warnDays).checklist
        return (register, checklist)
    }

    /// Compares with the golden file (writing it first when recording); the evidence's file paths
    /// are written relative to the repository, so the files do not depend on the checkout folder.
    static func matchGolden(_ name: String, _ rendered: String) throws {
        let text = rendered.replacingOccurrences(of: root + "/", with: "")
        let path = golden + "/" + name
        if ProcessInfo.processInfo.environment["AUTHSHIFT_RECORD_GOLDEN"] != nil {
            try FileManager.default.createDirectory(atPath: golden, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file; re-record if the change is intended")
    }

    /// Assessed once for both reports (reading the exports is most of the time).
    static let contoso = Result { try assessed() }

    @Test func markdownReportMatchesItsGoldenFile() throws {
        let (register, checklist) = try Self.contoso.get()
        try Self.matchGolden("contoso-report.md", MarkdownReport.render(register, checklist: checklist))
    }

    @Test func htmlReportMatchesItsGoldenFile() throws {
        let (register, checklist) = try Self.contoso.get()
        try Self.matchGolden("contoso-report.html", HTMLReport.render(register, checklist: checklist))
    }
}
