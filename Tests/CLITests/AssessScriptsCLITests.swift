import Foundation
import Testing

@Suite struct AssessScriptsCLITests {
    @Test func scriptsJoinTheRegister() throws {
        let out = temporaryFolder().appendingPathComponent("out")
        let r = try CLI.run([
            "assess", "Examples/contoso", "--out", out.path, "--as-of", "2026-11-28", "--scripts", "Tests/ScanTests/Fixtures/tree",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("register.json"))) as? [String: Any]
        let scripts = json?["scripts"] as? [[String: Any]] ?? []
        #expect(scripts.map { $0["script"] as? String } == ["jobs/modern.ps1", "jobs/report.ps1"])
        #expect(scripts.last?["currentAuth"] as? String == "stored credential (clixml)")
        let md = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(md.contains("Scripts that connect to Exchange Online"))
    }
}
