import Foundation
import NIOCore
import NIOSSL
import TestSupport
import Testing

@testable import SMTP
@testable import SMTPClient

/// Every way a TLS handshake fails, against real loopback TLS servers presenting the
/// certificates of Tests/TestSupport/Fixtures/make-tls-failure-fixtures.sh: each is a TLS failure (exit 21) told
/// in one plain sentence, with the library's text only in the transcript.
@Suite(.serialized) struct ProbeTLSFailureTests {
    struct Run {
        let outcome: ProbeOutcome
        let transcript: Transcript
        var detail: String { outcome.failure?.detail ?? "" }
    }

    func probe(
        _ server: ScriptedSMTPServer, host: String = "127.0.0.1", serverName: String? = nil, maximum: TLSVersion? = nil,
        minimum: TLSVersion = .tlsv12
    ) async throws -> Run {
        let plan = SMTPClientPlan(heloName: "probe.test", tls: .startTLS, quitAfter: .tls)
        var probe = SMTPProbe(
            target: ProbeTarget(parsing: "\(host):\(server.port)")!, plan: plan, timeout: .seconds(5),
            trustRoots: try NIOSSLCertificate.fromPEMFile(Fixture.path("ca.pem")), minimumTLSVersion: minimum, maximumTLSVersion: maximum)
        probe.tlsServerName = serverName
        probe.serverNameAdvice = "use the host name in --target, or --tls-server-name NAME"
        let (outcome, transcript) = await probe.run(redactor: SecretRedactor())
        return Run(outcome: outcome, transcript: transcript)
    }

    func server(_ certificate: String, configure: @escaping (inout TLSConfiguration) -> Void = { _ in }) async throws -> ScriptedSMTPServer
    {
        try await ScriptedSMTPServer.exchangeLike(
            user: "u@contoso.com", password: "irrelevant", certificate: certificate, configure: configure)
    }

    func expectTLSFailure(_ run: Run, _ sentence: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.outcome.failure?.stage == .tls, "\(run.transcript.text)", sourceLocation: sourceLocation)
        #expect(run.outcome.failure?.status == .tlsFailed, "\(run.transcript.text)", sourceLocation: sourceLocation)
        #expect(ProbeExitStatus(outcome: run.outcome) == .tls, sourceLocation: sourceLocation)
        #expect(run.detail.contains(sentence), "\(run.detail)", sourceLocation: sourceLocation)
        // One plain sentence: the library's words stay in the transcript.
        #expect(
            !run.detail.contains("NIOSSL") && !run.detail.contains("OPENSSL_internal") && !run.detail.contains("\n"), "\(run.detail)",
            sourceLocation: sourceLocation)
        #expect(run.transcript.text.contains("TLS library:"), sourceLocation: sourceLocation)
    }

    @Test func anIPTargetAgainstACertificateForAHostNameSaysWhichNameItIsFor() async throws {
        let s = try await server("localhost-only.pem")
        defer { Task { await s.stop() } }
        let run = try await probe(s)
        expectTLSFailure(
            run, "the server's certificate is for `localhost`, not `127.0.0.1`; use the host name in --target, or --tls-server-name NAME")
    }

    @Test func theTLSServerNameIsSentAndVerifiedInstead() async throws {
        let s = try await server("localhost-only.pem")
        defer { Task { await s.stop() } }
        let run = try await probe(s, serverName: "localhost")
        #expect(run.outcome.succeeded, "\(run.transcript.text)")
        let wrong = try await probe(s, serverName: "mail.contoso.com")
        expectTLSFailure(wrong, "is for `localhost`, not `mail.contoso.com`")
    }

    /// NIOSSL accepts a certificate that lists the address connected to, whatever name was given;
    /// a name given with --tls-server-name must be in the certificate itself.
    @Test func theTLSServerNameMustBeInTheCertificateEvenWhenItListsTheAddress() async throws {
        let s = try await server("server.pem")  // localhost and 127.0.0.1
        defer { Task { await s.stop() } }
        let run = try await probe(s, serverName: "mail.contoso.com")
        #expect(run.outcome.failure?.stage == .tls && ProbeExitStatus(outcome: run.outcome) == .tls, "\(run.transcript.text)")
        #expect(run.detail.contains("is for `localhost`, `127.0.0.1`, not `mail.contoso.com`"), "\(run.detail)")
        #expect(try await probe(s, serverName: "LOCALHOST.").outcome.succeeded)
    }

    @Test func wildcardNamesCoverOneLabel() throws {
        // The fixtures have no wildcard certificate; the matcher is checked on its own.
        let leaf = try NIOSSLCertificate.fromPEMFile(Fixture.path("localhost-only.pem"))[0]
        #expect(TLSFailure.certificate(leaf, names: "localhost"))
        #expect(!TLSFailure.certificate(leaf, names: "mail.localhost"))
    }

    @Test func aServerThatClosesOnALegacyOnlyClientIsExplainedByTheVersion() {
        let sentence = TLSFailure.classify(NIOSSLError.uncleanShutdown, expectedName: "x", seen: [], failed: nil, legacyMaximum: "1.1")
            .sentence(serverNameAdvice: "")
        #expect(sentence.contains("accepts none of the TLS versions offered (at most TLS 1.1)"))
    }

    @Test func anExpiredCertificate() async throws {
        let s = try await server("expired.pem")
        defer { Task { await s.stop() } }
        expectTLSFailure(try await probe(s, host: "localhost"), "the server's certificate expired on 2002-01-01")
    }

    @Test func aCertificateNotYetValid() async throws {
        let s = try await server("not-yet-valid.pem")
        defer { Task { await s.stop() } }
        expectTLSFailure(try await probe(s, host: "localhost"), "the server's certificate is not valid until 2090-01-01")
    }

    @Test func anUntrustedIssuer() async throws {
        let s = try await server("self-signed.pem")
        defer { Task { await s.stop() } }
        expectTLSFailure(try await probe(s, host: "localhost"), "issued by \"localhost\", which this machine does not trust")
    }

    @Test func noCommonTLSVersion() async throws {
        let s = try await server("server.pem") { $0.minimumTLSVersion = .tlsv12 }
        defer { Task { await s.stop() } }
        expectTLSFailure(try await probe(s, host: "localhost", maximum: .tlsv11, minimum: .tlsv1), "share no TLS version")
    }

    @Test func aHandshakeAlertFromTheServer() async throws {
        // The server demands a client certificate (TLS 1.2, so the alert ends the handshake).
        let s = try await server("server.pem") { c in
            c.maximumTLSVersion = .tlsv12
            c.certificateVerification = .noHostnameVerification
            c.trustRoots = .certificates((try? NIOSSLCertificate.fromPEMFile(Fixture.path("ca.pem"))) ?? [])
        }
        defer { Task { await s.stop() } }
        expectTLSFailure(try await probe(s, host: "localhost"), "the server ended the TLS handshake with the alert")
    }

    @Test func sentencesForEveryCase() {
        let advice = "ADVICE"
        #expect(
            TLSFailure.nameMismatch(expected: "10.0.0.5", certificateNames: []).sentence(serverNameAdvice: advice).contains(
                "no host name at all"))
        #expect(TLSFailure.alert(code: 40).sentence(serverNameAdvice: advice).contains("\"handshake_failure\" (40)"))
        #expect(TLSFailure.notTLS.sentence(serverNameAdvice: advice).contains("--tls starttls"))
        #expect(
            TLSFailure.closedDuringHandshake(legacyMaximum: nil).sentence(serverNameAdvice: advice)
                == "the server closed the connection during the TLS handshake")
    }
}
