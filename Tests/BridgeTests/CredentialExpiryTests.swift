import Foundation
import TestSupport
import Testing

@testable import Bridge

/// The configured certificates' expiry: read from the listener's PEM and the upstream
/// client-assertion certificate (PEM or PFX), warned about within 30 days, an error once
/// expired, and served on /metrics as a gauge labelled by listener or route, never by a file.
@Suite struct CredentialExpiryTests {
    static func yaml(listenerCertificate: String, oauth: String) -> String {
        """
        spool: /tmp/x
        listeners:
          - name: lan
            port: 2525
            tls: starttls
            certificate: \(listenerCertificate)
            key: \(Fixture.path("server-key.pem"))
        oauth:
          tenant: contoso.onmicrosoft.com
          clientId: 11111111-2222-3333-4444-555555555555
        \(oauth)
        routes:
          - name: exo
            type: smtp-xoauth2
            host: 127.0.0.1
          - name: "scans \\"graph\\""
            type: graph
          - name: smarthost
            type: smtp
            host: 127.0.0.1
        """
    }

    static let pemCredential = "  certificate: \(Fixture.path("app.pem"))\n  key: \(Fixture.path("app-key.pem"))"

    @Test func listenerAndClientAssertionCertificatesAreRead() throws {
        let config = try BridgeConfiguration.parse(
            Self.yaml(listenerCertificate: Fixture.path("expired.pem"), oauth: Self.pemCredential), file: "b.yaml")
        let expiries = config.credentialExpiries().expiries
        #expect(expiries.map(\.credential) == [.listenerTLSCertificate, .clientAssertionCertificate, .clientAssertionCertificate])
        // The smtp route signs in with a password, not the client assertion.
        #expect(expiries.map(\.name) == ["lan", "exo", "scans \"graph\""])
        // expired.pem: valid 2001-01-01 to 2002-01-01 (make-tls-failure-fixtures.sh).
        #expect(expiries[0].notValidAfter == ISO8601DateFormatter().date(from: "2002-01-01T00:00:00Z"))
        #expect(expiries[0].problem()?.expired == true)
        #expect(expiries[0].problem()?.text.contains("listener lan: the TLS certificate") == true)
        #expect(expiries[1].notValidAfter > Date())
        #expect(expiries[1].problem() == nil)
    }

    @Test func aPFXClientAssertionCertificateIsRead() throws {
        let passwordFile = FileManager.default.temporaryDirectory.appendingPathComponent("pfx-\(UUID().uuidString).pass").path
        try "fixture-pass\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: passwordFile) }
        let pfx = "  pfx: \(Fixture.path("app.pfx"))\n  pfxPasswordFile: \(passwordFile)"
        let fromPFX = try BridgeConfiguration.parse(Self.yaml(listenerCertificate: Fixture.path("server.pem"), oauth: pfx), file: "b.yaml")
        let fromPEM = try BridgeConfiguration.parse(
            Self.yaml(listenerCertificate: Fixture.path("server.pem"), oauth: Self.pemCredential), file: "b.yaml")
        let expiry = try #require(fromPFX.credentialExpiries().expiries.last)
        #expect(expiry.file == Fixture.path("app.pfx"))
        #expect(expiry.notValidAfter == (fromPEM.credentialExpiries().expiries.last?.notValidAfter))
    }

    @Test(arguments: [(-1.0, true), (10.0, false), (30.0, false)])
    func withinThirtyDaysWarnsAndExpiredIsAnError(daysLeft: Double, expired: Bool) throws {
        let expiry = CredentialExpiry(
            credential: .clientAssertionCertificate, scope: "route", name: "exo", file: "/etc/authshift/app.pem",
            notValidAfter: Date(timeIntervalSince1970: 1_800_000_000))
        let now = expiry.notValidAfter.addingTimeInterval(-daysLeft * 86_400 + 60)
        let problem = try #require(expiry.problem(now: now))
        #expect(problem.expired == expired)
        #expect(problem.text.contains(expired ? "expired on" : "expires in"))
        #expect(expiry.problem(now: expiry.notValidAfter.addingTimeInterval(-31 * 86_400)) == nil)
    }

    /// check-config may run where the certificates are not installed: a missing file is a
    /// warning naming it, not a failure.
    @Test func aCertificateThatCannotBeReadIsReportedNotThrown() throws {
        let config = try BridgeConfiguration.parse(
            Self.yaml(listenerCertificate: "/nonexistent/relay.pem", oauth: "  pfx: /nonexistent/app.pfx"), file: "b.yaml")
        let reading = config.credentialExpiries()
        #expect(reading.expiries.isEmpty)
        #expect(reading.unreadable.count == 2)
        #expect(reading.unreadable[0].hasPrefix("listener lan: cannot read /nonexistent/relay.pem to check its expiry"))
        #expect(reading.unreadable[1].hasPrefix("oauth: cannot read the client-assertion certificate /nonexistent/app.pfx"))
    }

    @Test func metricsServeTheExpiryGaugeWithoutFileNames() throws {
        let config = try BridgeConfiguration.parse(
            Self.yaml(listenerCertificate: Fixture.path("expired.pem"), oauth: Self.pemCredential), file: "b.yaml")
        let metrics = BridgeMetrics()
        metrics.setCredentialExpiries(config.credentialExpiries().expiries)
        let text = metrics.prometheusText
        #expect(text.contains("# TYPE authshift_bridge_credential_expiry_timestamp_seconds gauge\n"))
        #expect(
            text.contains(
                "authshift_bridge_credential_expiry_timestamp_seconds{credential=\"listener_tls_certificate\",listener=\"lan\"} 1009843200\n"
            ))
        #expect(text.contains("{credential=\"client_assertion_certificate\",route=\"exo\"} "))
        #expect(text.contains("{credential=\"client_assertion_certificate\",route=\"scans \\\"graph\\\"\"} "))
        #expect(!text.contains(".pem"))
        #expect(!BridgeMetrics().prometheusText.contains("credential_expiry"))
    }
}
