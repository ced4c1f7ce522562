import Foundation
import Testing

@testable import Scan

/// Pins the SARIF that `scan --format sarif` writes for a small folder of scripts (a stored
/// credential with Send-MailMessage, Exchange Online PowerShell with a stored credential, and
/// a web.config with an SMTP password), with a fixed tool version. Re-record with:
///   AUTHSHIFT_RECORD_GOLDEN=1 swift test --filter SARIFGoldenTests
@Suite struct SARIFGoldenTests {
    @Test func sarifMatchesItsGoldenFile() throws {
        let root = #filePath.components(separatedBy: "/Tests/")[0]
        let folder = root + "/Tests/ReportsTests/Fixtures/scripts"
        let result = try TreeScanner.scan([folder], threads: 1)
        #expect(!result.findings.isEmpty)
        try ReportGoldenTests.matchGolden("scripts.sarif", try SARIFWriter.render(result, version: "0.0.0-golden"))
    }
}
