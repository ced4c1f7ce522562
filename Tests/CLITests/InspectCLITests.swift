import Foundation
import Testing

@Suite struct InspectCLITests {
    @Test func sampleTenantIsListedFileByFile() throws {
        let r = try CLI.run(["inspect", "Examples/contoso"])
        #expect(r.status == 0, "\(r.stderr)")
        for kind in [
            "Get-CASMailbox", "Get-TransportConfig", "Sign-in log (portal CSV)", "Sign-in log (Log Analytics CSV)",
            "Sign-in log (JSON)", "SMTP AUTH clients report", "Email apps usage report", "Conditional Access policies",
        ] {
            #expect(r.stdout.contains(kind), "missing \(kind)")
        }
        #expect(r.stdout.contains("csv, utf16le, delimiter ;, #TYPE"))
        #expect(r.stdout.contains("57 columns"))
    }

    @Test func brokenCSVAndTruncatedJSONExit65NamingBoth() throws {
        let dir = temporaryFolder()
        try "PrimarySmtpAddress,SmtpClientAuthenticationDisabled\na@contoso.com,False\n".write(
            to: dir.appendingPathComponent("good.csv"), atomically: true, encoding: .utf8)
        try "\"Sender address\",\"Messages sent\"\n\"a@contoso.com\",\"3\"\n\"b@contoso.com,\"4\"\n\"c@contoso.com\",\"5\"\n".write(
            to: dir.appendingPathComponent("broken.csv"), atomically: true, encoding: .utf8)
        try "{\"value\": [{\"createdDateTime\": \"2026-11-01T00:00:00Z\", \"userPrincipalName\": \"a@contoso.com\"".write(
            to: dir.appendingPathComponent("truncated.json"), atomically: true, encoding: .utf8)

        let strict = try CLI.run(["inspect", dir.path])
        #expect(strict.status == 65)
        #expect(strict.stdout.contains("broken.csv:3: field \"Sender address\""))
        #expect(strict.stdout.contains("truncated.json:1"))
        #expect(!strict.stdout.contains("good.csv"))
        #expect(strict.stderr.contains("--keep-going"))

        let keepGoing = try CLI.run(["inspect", dir.path, "--keep-going"])
        #expect(keepGoing.status == 65)
        #expect(keepGoing.stdout.contains("good.csv"))
        #expect(keepGoing.stdout.contains("Get-CASMailbox"))
        #expect(keepGoing.stdout.contains("broken.csv:3"))
        #expect(keepGoing.stdout.contains("truncated.json:1"))
    }

    @Test func jsonOutput() throws {
        let r = try CLI.run(["inspect", "Examples/contoso", "--format", "json"])
        #expect(r.status == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(doc?["schema"] as? String == "authshift.inspect/1")
        #expect((doc?["files"] as? [Any])?.count ?? 0 >= 20)
    }

    @Test func missingPathExits66AndBadUsageExits64() throws {
        let missing = try CLI.run(["inspect", "/nonexistent/exports"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/nonexistent/exports"))
        let usage = try CLI.run(["inspect"])
        #expect(usage.status == 64)
        let badFormat = try CLI.run(["inspect", "Examples/contoso", "--format", "csv"])
        #expect(badFormat.status == 64)
    }
}
