import Foundation
import NIOCore
import NIOSSL
import TestSupport
import Testing

@testable import SMTP
@testable import SMTPClient

/// The probe over real sockets and real TLS against the loopback scripted server.
@Suite(.serialized) struct ProbeConnectionTests {
    static let user = "scanner@contoso.com"
    static let password = "Correct-Horse-Battery-9"

    func probe(
        port: Int, password: String, tls: SMTPClientPlan.TLSMode = .startTLS, timeout: TimeAmount = .seconds(5),
        quitAfter: ProbeStage = .auth
    ) async throws -> (ProbeOutcome, Transcript, SecretRedactor) {
        let target = ProbeTarget(parsing: "localhost:\(port)")!
        let auth = SMTPClientPlan.Authentication.login(user: Self.user, password: password)
        let plan = SMTPClientPlan(heloName: "probe.test", tls: tls, authentication: auth, quitAfter: quitAfter)
        var redactor = SecretRedactor(secrets: [password])
        for r in auth.responses { redactor.add(r) }
        let probe = SMTPProbe(
            target: target, plan: plan, timeout: timeout, trustRoots: try NIOSSLCertificate.fromPEMFile(Fixture.path("ca.pem")))
        let (outcome, transcript) = await probe.run(redactor: redactor)
        return (outcome, transcript, redactor)
    }

    @Test func startTLSThenAuthLoginSucceeds() async throws {
        let server = try await ScriptedSMTPServer.exchangeLike(user: Self.user, password: Self.password)
        defer { Task { await server.stop() } }
        let (outcome, transcript, _) = try await probe(port: server.port, password: Self.password)
        #expect(outcome.succeeded, "\(transcript.text)")
        #expect(outcome.stages.map(\.stage) == [.connect, .tls, .auth])
        #expect(outcome.tlsActive)
        #expect(transcript.text.contains("~> AUTH LOGIN"))
        #expect(transcript.text.contains("<~ 235 2.7.0 Authentication successful"))
        #expect(transcript.text.contains("-> STARTTLS"))
        Self.expectNoSecrets(in: transcript.text, password: Self.password)
    }

    @Test func aWrongPasswordIsA535AtTheAuthStage() async throws {
        let server = try await ScriptedSMTPServer.exchangeLike(user: Self.user, password: Self.password)
        defer { Task { await server.stop() } }
        let wrong = "Wrong-Password-1234"
        let (outcome, transcript, _) = try await probe(port: server.port, password: wrong)
        #expect(outcome.failure?.stage == .auth)
        #expect(outcome.failure?.reply?.code == 535)
        #expect(ProbeExitStatus(outcome: outcome) == .auth)
        let report = ProbeReport(
            target: ProbeTarget(parsing: "localhost:1")!, plan: SMTPClientPlan(heloName: "x", tls: .startTLS, quitAfter: .auth),
            authentication: nil, outcome: outcome, transcript: transcript)
        #expect(report.explanation?.known?.id == "wrong-credentials")
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        Self.expectNoSecrets(in: transcript.text + report.text + json, password: wrong)
    }

    @Test func aSilentServerTimesOut() async throws {
        let server = try await ScriptedSMTPServer(greeting: nil) { _, _ in .nothing }
        defer { Task { await server.stop() } }
        let started = Date()
        let (outcome, transcript, _) = try await probe(port: server.port, password: "irrelevant", timeout: .milliseconds(400))
        #expect(outcome.failure?.status == .timedOut)
        #expect(outcome.failure?.stage == .connect)
        #expect(ProbeExitStatus(outcome: outcome) == .timeout)
        // Far below "never": the silent server would hold the probe forever without the timeout;
        // the margin is for a CI machine running every suite at once.
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(transcript.text.contains("*** connect: no answer within 0.4 s"))
    }

    @Test func aReplyOverTheRFCLimitIsAProtocolError() async throws {
        let long = "220 " + String(repeating: "a", count: 600) + "\r\n"
        let server = try await ScriptedSMTPServer(greeting: long) { _, _ in .nothing }
        defer { Task { await server.stop() } }
        let (outcome, transcript, _) = try await probe(port: server.port, password: "irrelevant")
        #expect(outcome.failure?.status == .protocolError)
        #expect(ProbeExitStatus(outcome: outcome) == .protocolError)
        #expect(transcript.text.contains("512 octets"))
    }

    @Test func implicitTLSWithAnUntrustedNameFailsTheTLSStage() async throws {
        // The certificate names localhost and 127.0.0.1; without the test CA it is not trusted.
        let server = try await ScriptedSMTPServer(greeting: "220 hi\r\n", implicitTLS: true) { _, _ in .send("250 ok\r\n") }
        defer { Task { await server.stop() } }
        let plan = SMTPClientPlan(heloName: "probe.test", tls: .implicit, quitAfter: .tls)
        let (outcome, _) = await SMTPProbe(target: ProbeTarget(parsing: "localhost:\(server.port)")!, plan: plan, timeout: .seconds(5)).run(
            redactor: SecretRedactor())
        #expect(outcome.failure?.status == .tlsFailed)
        #expect(ProbeExitStatus(outcome: outcome) == .tls)
    }

    @Test func nothingListeningIsUnreachable() async throws {
        let server = try await ScriptedSMTPServer(greeting: nil) { _, _ in .nothing }
        let port = server.port
        await server.stop()
        let (outcome, _, _) = try await probe(port: port, password: "irrelevant")
        #expect(outcome.failure?.status == .unreachable)
        #expect(ProbeExitStatus(outcome: outcome) == .connect)
    }

    /// No rendering may contain the password, its base64, or the AUTH payloads.
    static func expectNoSecrets(in text: String, password: String) {
        for secret in [password, SASLTestValues.base64(password), SASLTestValues.base64(user)] {
            #expect(!text.contains(secret), "found a secret in the output")
        }
    }
}
