import Foundation
import Testing

@testable import Scan

@Suite struct TreeScanTests {
    static let fixtures = #filePath.components(separatedBy: "/TreeScanTests.swift")[0] + "/Fixtures"

    @Test func fixtureTreeGivesTheExpectedFindings() throws {
        let result = try TreeScanner.scan([Self.fixtures + "/tree"])
        let json = try ScanReport.json(result)
        let doc = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(doc["schema"] as? String == "authshift.scan/1")
        let findings = (doc["findings"] as! [[String: Any]]).map { "\($0["rule"]!)|\($0["file"]!)|\($0["line"]!)" }.sorted()
        let expectedData = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/tree-expected.json"))
        let expected = (try JSONSerialization.jsonObject(with: expectedData) as! [[String: Any]]).map {
            "\($0["rule"]!)|\($0["file"]!)|\($0["line"]!)"
        }.sorted()
        #expect(findings == expected)
        // .git, node_modules, Markdown and the binary file are not scanned.
        #expect(doc["filesScanned"] as? Int == 4)
        #expect(!json.contains("fixture-secret"))
        for f in doc["findings"] as! [[String: Any]] {
            for key in ["rule", "file", "line", "column", "endLine", "severity", "message", "replacement"] {
                #expect(f[key] != nil, "\(key)")
            }
        }
    }

    @Test func sarifHasRulesRegionsAndFingerprints() throws {
        let result = try TreeScanner.scan([Self.fixtures + "/tree"])
        let sarif = try SARIFWriter.render(result, version: "test")
        let doc = try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as! [String: Any]
        #expect(doc["version"] as? String == "2.1.0")
        let run = (doc["runs"] as! [[String: Any]])[0]
        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        #expect(
            Set(rules.map { $0["id"] as! String }) == [
                "EXO-CRED", "EXO-RPS-BASIC", "MSOL-CRED", "AAD-CRED", "PS-PLAINTEXT-SECRET",
                "SMTP-BASIC-SENDMAIL", "SMTP-BASIC-DOTNET", "SMTP-BASIC-CODE", "SMTP-BASIC-CONFIG",
            ])
        #expect(rules.allSatisfy { ($0["help"] as? [String: Any])?["text"] != nil })
        let results = run["results"] as! [[String: Any]]
        #expect(results.count == 4)
        for r in results {
            let region = (((r["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["region"] as! [String: Any])
            #expect((region["startLine"] as! Int) >= 1)
            #expect(((r["partialFingerprints"] as! [String: Any])["primaryLocationLineHash"] as! String).contains(":"))
        }
    }
}

@Suite struct EncodingScanTests {
    @Test func utf16AndCRLFScriptsAreScanned() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("authshift-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var data = Data([0xFF, 0xFE])
        data.append(
            "# Windows PowerShell ISE saves UTF-16\r\n$c = Import-Clixml c.xml\r\nConnect-ExchangeOnline `\r\n  -Credential $c\r\n".data(
                using: .utf16LittleEndian)!)
        try data.write(to: dir.appendingPathComponent("legacy.ps1"))
        try Data([0xEF, 0xBB, 0xBF, 0x47, 0x65, 0x74, 0xC3, 0x28, 0x20, 0x27, 0x6F, 0x70, 0x65, 0x6E]).write(
            to: dir.appendingPathComponent("broken.ps1"))
        let result = try TreeScanner.scan([dir.path])
        #expect(result.filesScanned == 2)
        #expect(result.findings.map(\.rule) == ["EXO-CRED"])
        #expect(result.findings.first?.line == 3 && result.findings.first?.endLine == 4)
        #expect(result.findings.first?.file == "legacy.ps1")
    }
}
