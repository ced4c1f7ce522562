import Foundation
import Testing

@Suite struct CollectCLITests {
    @Test func writesScriptAndRefusesToOverwrite() throws {
        let dir = temporaryFolder()
        let path = dir.appendingPathComponent("collect.ps1").path
        let first = try CLI.run(["collect", "--output", path])
        #expect(first.status == 0)
        #expect(first.stderr.contains("AuditLog.Read.All"))
        let script = try String(contentsOfFile: path, encoding: .utf8)
        #expect(script.contains("Get-EXOCasMailbox"))
        let again = try CLI.run(["collect", "--output", path])
        #expect(again.status == 73)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == script)
        #expect(try CLI.run(["collect", "--output", path, "--force"]).status == 0)
    }

    @Test func appOnlyNeedsAllFourValues() throws {
        let r = try CLI.run(["collect", "--app-id", "x"])
        #expect(r.status == 64)
        let ok = try CLI.run([
            "collect", "--app-id", "a", "--certificate-thumbprint", "b", "--organization", "contoso.onmicrosoft.com", "--tenant-id", "t",
        ])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("[string]$Organization = 'contoso.onmicrosoft.com'"))
    }
}
