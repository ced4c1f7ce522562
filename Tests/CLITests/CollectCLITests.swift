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
        let ok = try CLI.run(["collect", "--app-id", "a", "--certificate-thumbprint", "b", "--organization", "contoso.onmicrosoft.com", "--tenant-id", "t"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("[string]$Organization = 'contoso.onmicrosoft.com'"))
    }
}

@Suite struct ExplainCLITests {
    @Test func explainsAReplyAndTheMailbox() throws {
        let r = try CLI.run(["explain", "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. [MN2PR05CA0004.namprd05.prod.outlook.com 2023-09-12T20:59:57.214Z 08DBB276B7E699C4]",
                             "--mailbox", "reports@contoso.com", "--exports", "Examples/contoso"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false"))
        #expect(r.stdout.contains("Server:           MN2PR05CA0004.namprd05.prod.outlook.com at 2023-09-12T20:59:57.214Z"))
        #expect(r.stdout.contains("disabled for the whole organization"))
        let unknown = try CLI.run(["explain", "554 5.6.0 Something new", "--format", "json"])
        #expect(unknown.status == 0)
        #expect(unknown.stdout.contains("\"generic\""))
        #expect(try CLI.run(["explain", "x", "--mailbox", "a@contoso.com"]).status == 64)
    }
}
