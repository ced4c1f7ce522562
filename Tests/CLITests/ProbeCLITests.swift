import Foundation
import Testing

/// `authshift probe` from the command line; conversations with real servers are in the SMTP
/// tests (loopback) and scripts/interop-probe.py (aiosmtpd, a token endpoint).
@Suite struct ProbeCLITests {
    @Test func helpListsEveryExitStatus() throws {
        let r = try CLI.run(["probe", "--help"])
        #expect(r.status == 0)
        for status in [
            "20 connect", "21 TLS", "22 AUTH", "23 MAIL", "24 RCPT", "25 DATA", "26 no OAuth token", "28 a stage timed out",
            "29 the server broke",
        ] {
            #expect(
                r.stdout.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ").contains(status), "\(status)")
        }
    }

    @Test func aClosedPortIsAConnectFailure() throws {
        // Port 9 (discard) is not served on the test machine's loopback.
        let r = try CLI.run(["probe", "--target", "127.0.0.1:9", "--tls", "none", "--timeout", "5"])
        #expect(r.status == 20, "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("*** connect: could not connect"))
    }

    @Test func theTLSServerNameMustBeAHostName() throws {
        let r = try CLI.run(["probe", "--target", "127.0.0.1:9", "--tls-server-name", "10.0.0.5"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--tls-server-name"))
        #expect(try CLI.run(["probe", "--help"]).stdout.contains("--tls-server-name"))
    }

    @Test func passwordsAreNotTakenOnTheCommandLine() throws {
        let r = try CLI.run(["probe", "--target", "exo", "--user", "a@contoso.com", "--password", "hunter2"])
        #expect(r.status == 64)
        #expect(!r.stdout.contains("hunter2"))
    }

    @Test func impossibleStagesAndMissingCredentialsAreUsageErrors() throws {
        #expect(try CLI.run(["probe", "--target", "exo", "--quit-after", "rcpt", "--from", "a@contoso.com"]).status == 64)
        #expect(try CLI.run(["probe", "--target", "exo", "--auth", "login", "--user", "a@contoso.com"]).status == 64)
        #expect(
            try CLI.run(["probe", "--target", "exo", "--auth", "xoauth2", "--user", "a@contoso.com", "--tenant", "t", "--client-id", "c"])
                .status == 64)
        let missing = try CLI.run([
            "probe", "--target", "exo", "--user", "a@contoso.com", "--tenant", "t", "--client-id", "c", "--pfx", "/nonexistent/app.pfx",
        ])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/nonexistent/app.pfx"))
    }
}
