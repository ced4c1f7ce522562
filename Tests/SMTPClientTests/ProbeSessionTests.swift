import AuthShiftCore
import Foundation
import NIOCore
import NIOSSL
import OAuth
import TestSupport
import Testing

@testable import SMTP
@testable import SMTPClient

/// `ProbeRequest` → `ProbeSession.run` → `ProbeReport` → `ProbeReportText`, against the loopback
/// scripted server: the decisions `authshift probe` used to make in the command, without a process.
@Suite(.serialized) struct ProbeSessionTests {
    static let user = ProbeConnectionTests.user
    static let password = ProbeConnectionTests.password

    func request(port: Int, password: String) throws -> ProbeRequest {
        var request = ProbeRequest(target: ProbeTarget(parsing: "localhost:\(port)")!)
        request.trustRoots = try NIOSSLCertificate.fromPEMFile(Fixture.path("ca.pem"))
        request.heloName = "probe.test"
        request.timeout = .seconds(5)
        request.user = Self.user
        request.password = .init { Secret(password) }
        return request
    }

    @Test func aPasswordAloneMeansLoginAndStopsAfterAuth() async throws {
        let server = try await ScriptedSMTPServer.exchangeLike(user: Self.user, password: Self.password)
        defer { Task { await server.stop() } }
        let request = try request(port: server.port, password: Self.password)
        #expect(request.resolvedMechanism == .login)
        #expect(request.stage == .auth)
        let report = try await ProbeSession.run(request)
        #expect(report.exitStatus == 0, "\(report.text)")
        #expect(report.stages.map(\.stage) == [.connect, .tls, .auth])
        #expect(report.authentication?.mechanism == "LOGIN")
        #expect(report.authentication?.user == Self.user)
        #expect(report.quitAfter == .auth)
        let text = ProbeReportText.afterTranscript(report, mailbox: nil)
        #expect(text.hasSuffix("exit status 0: \(ProbeExitStatus.success.meaning)\n"))
        let json = String(decoding: try JSONEncoder().encode(ProbeReportText.Document(probe: report, mailbox: nil)), as: UTF8.self)
        ProbeConnectionTests.expectNoSecrets(in: report.text + json, password: Self.password)
    }

    @Test func aWrongPasswordIsExplainedAndNamesTheMailboxTheExportsDoNotKnow() async throws {
        let server = try await ScriptedSMTPServer.exchangeLike(user: Self.user, password: Self.password)
        defer { Task { await server.stop() } }
        let wrong = "Wrong-Password-1234"
        let report = try await ProbeSession.run(try request(port: server.port, password: wrong))
        #expect(report.exitStatus == ProbeExitStatus.auth.rawValue)
        #expect(report.explanation?.known?.id == "wrong-credentials")
        let text = ProbeReportText.afterTranscript(report, mailbox: .init(asked: Self.user, row: nil))
        #expect(text.contains("FAIL auth"))
        #expect(text.contains("\nWhat the reply means:\nReply code:       535\n"))
        #expect(text.hasSuffix("\n\(Self.user) is not in the exports.\n"))
        ProbeConnectionTests.expectNoSecrets(in: report.text + text, password: wrong)
    }

    @Test func theLiveObserverSeesTheConversationAsItHappens() async throws {
        let server = try await ScriptedSMTPServer.exchangeLike(user: Self.user, password: Self.password)
        defer { Task { await server.stop() } }
        let seen = SeenLines()
        let report = try await ProbeSession.run(try request(port: server.port, password: Self.password)) { seen.add($0.line) }
        #expect(seen.lines == report.transcript.map(\.line))
        #expect(seen.lines.contains("~> AUTH LOGIN"))
    }

    @Test func aGivenMessageIsReadOnlyAtDataAndSentWithTheEnvelope() async throws {
        let received = SeenLines()
        let server = try await ScriptedSMTPServer(greeting: "220 sink ready\r\n") { line, _ in
            received.add(line)
            switch line.uppercased() {
            case let l where l.hasPrefix("EHLO"): return .send("250-sink\r\n250 8BITMIME\r\n")
            case "DATA": return .send("354 go ahead\r\n")
            case "QUIT": return .send("221 bye\r\n")
            default: return .send("250 2.0.0 OK\r\n")
            }
        }
        defer { Task { await server.stop() } }
        let reads = SeenLines()
        var request = ProbeRequest(target: ProbeTarget(parsing: "127.0.0.1:\(server.port)")!)
        request.tls = SMTP.SMTPClientPlan.TLSMode.none
        request.heloName = "probe.test"
        request.timeout = .seconds(5)
        request.from = "scanner@contoso.com"
        request.recipients = ["someone@fabrikam.com"]
        request.message = .provided(
            .init {
                reads.add("read")
                return Array("Subject: Scan 0042\r\n\r\nbody\r\n".utf8)
            })
        #expect(request.problems.isEmpty)
        #expect(request.stage == .data)
        #expect(reads.lines.isEmpty)
        let report = try await ProbeSession.run(request)
        #expect(report.exitStatus == 0, "\(report.text)")
        #expect(report.stages.map(\.stage) == [.connect, .mail, .rcpt, .data])
        #expect(reads.lines == ["read"])
        #expect(received.lines.contains("MAIL FROM:<scanner@contoso.com>"))
        #expect(received.lines.contains("RCPT TO:<someone@fabrikam.com>"))
        #expect(received.lines.contains("<end of data>"))
    }

    @Test func aTokenThatCannotBeObtainedIsAReportWithExitStatus26() async throws {
        var request = ProbeRequest(target: ProbeTarget(parsing: "127.0.0.1:9")!)
        request.user = Self.user
        request.tenant = "contoso.onmicrosoft.com"
        request.clientID = "00000000-0000-0000-0000-000000000001"
        let secret = "client-secret-value-42"
        request.clientSecret = .init { Secret(secret) }
        // Port 9 (discard) is not served on loopback: the token request cannot connect.
        request.authority = "https://127.0.0.1:9"
        request.timeout = .seconds(5)
        #expect(request.resolvedMechanism == .xoauth2)
        let report = try await ProbeSession.run(request)
        #expect(report.exitStatus == ProbeExitStatus.token.rawValue)
        #expect(report.stages.map(\.status) == [.refused])
        #expect(report.authentication?.tokenSource == "client secret")
        #expect(report.transcript.first?.text.hasPrefix("requesting an app-only token from https://127.0.0.1:9/") == true)
        #expect(!report.text.contains(secret))
    }

    @Test func impossibleRequestsAreProblemsBeforeAnythingIsRead() async throws {
        var request = ProbeRequest(target: ProbeTarget(parsing: "exo")!)
        request.from = "a@contoso.com"
        request.quitAfter = .rcpt
        #expect(request.problems == [.recipientsMissing(.rcpt)])
        await #expect(throws: ProbeRequest.Problem.recipientsMissing(.rcpt)) { try await ProbeSession.run(request) }

        var login = ProbeRequest(target: ProbeTarget(parsing: "exo")!)
        login.mechanism = .login
        login.user = "a@contoso.com"
        #expect(login.problems == [.passwordMissing(.login)])

        var oauth = ProbeRequest(target: ProbeTarget(parsing: "exo")!)
        oauth.user = "a@contoso.com"
        oauth.tenant = "t"
        oauth.clientID = "c"
        #expect(oauth.problems == [.appCredentialMissing])

        var none = ProbeRequest(target: ProbeTarget(parsing: "exo")!)
        none.quitAfter = .auth
        #expect(none.problems == [.authStageWithoutCredentials])
        none.quitAfter = nil
        #expect(none.stage == .tls)
    }

    @Test func anACSProbeBuildsItsUserNameAndSignsInWithTheClientSecret() {
        var request = ProbeRequest(target: ProbeTarget(parsing: "acs")!)
        request.acsResource = "contoso-acs"
        request.clientID = "app"
        request.tenant = "tenant"
        request.clientSecret = .init { Secret("s") }
        #expect(request.resolvedMechanism == .login)
        #expect(request.userName == "contoso-acs|app|tenant")
        #expect(request.problems.isEmpty)
        #expect(request.stage == .auth)
    }
}

/// Lines seen by a callback on another thread.
final class SeenLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    func add(_ line: String) { lock.withLock { stored.append(line) } }
}
