import Foundation
import Testing

@Suite struct ExplainCLITests {
    @Test func explainsAReplyAndTheMailbox() throws {
        let r = try CLI.run([
            "explain",
            "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. [MN2PR05CA0004.namprd05.prod.outlook.com 2023-09-12T20:59:57.214Z 08DBB276B7E699C4]",
            "--mailbox", "reports@contoso.com", "--exports", "Examples/contoso",
        ])
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
