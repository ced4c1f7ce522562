import Foundation
import NIOCore
import Reports
import Testing

@testable import Bridge

@Suite struct ConfigurationTests {
    static let hash = "scrypt$10$8$1$QZYzXQBuTcLfFkE5G4Ojmw==$SO6UA440SABPaxNmCQfYQTS1/y7gWqXsIyCbatrtrzQ="

    static func yaml(listener: String = "tls: none\n    trustedLanPlain: true", extra: String = "") -> String {
        """
        spool: /tmp/x
        listeners:
          - name: lan
            port: 2525
            \(listener)
        accounts:
          - name: printer
            passwordHash: "\(hash)"
            senders: ["scanner@contoso.com", "*@scans.contoso.com"]
        routes:
          - name: smarthost
            type: smtp
            host: 127.0.0.1
        \(extra)
        """
    }

    @Test func aValidFileLoads() throws {
        let c = try BridgeConfiguration.parse(Self.yaml(), file: "b.yaml")
        #expect(c.listeners[0].port == 2525 && c.listeners[0].tls == .none && c.listeners[0].address == "127.0.0.1")
        #expect(c.accounts[0].senders.count == 2)
        #expect(c.retry.initialSeconds == 300 && c.retry.maximumSeconds == 14_400 && c.retry.giveUpAfterSeconds == 432_000)
        #expect(BridgeConfiguration.sender("X@Scans.Contoso.com", matches: c.accounts[0].senders))
        #expect(!BridgeConfiguration.sender("boss@contoso.com", matches: c.accounts[0].senders))
    }

    @Test func mistakesNameTheFileLineAndSetting() {
        let cases: [(String, String)] = [
            (
                Self.yaml().replacingOccurrences(of: "port: 2525", with: "port: 99999"),
                "b.yaml:4: listeners[0].port: expected a whole number from 1 to 65535"
            ),
            (
                Self.yaml().replacingOccurrences(of: "trustedLanPlain", with: "trustedLanPlan"),
                "b.yaml:6: listeners[0].trustedLanPlan: unknown setting"
            ),
            (Self.yaml(listener: "tls: starttls"), "a starttls listener needs certificate and key"),
            (Self.yaml().replacingOccurrences(of: Self.hash, with: "hunter2"), "accounts[0].passwordHash: not a password hash"),
            (Self.yaml(listener: "tls: none\n    allow: [0.0.0.0/0]"), "would let the whole Internet in"),
            (Self.yaml(listener: "tls: none\n    relayWithoutAuth: [10.0.0.5]"), "relayWithoutAuth needs relaySenders"),
            (Self.yaml().replacingOccurrences(of: "type: smtp", with: "type: graph"), "a graph route needs the oauth settings"),
            ("spool: [unclosed", "not valid YAML"),
        ]
        for (text, expected) in cases {
            do {
                _ = try BridgeConfiguration.parse(text, file: "b.yaml")
                Issue.record("accepted: \(expected)")
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
            }
        }
    }

    /// What the plan's draft writes with YAMLScalar reads back unchanged, whatever the value.
    /// (Sender addresses are parsed now and these are not mailboxes, so the round trip is checked
    /// on account names, which the draft also writes.)
    @Test func quotedValuesReadBackExactly() throws {
        let hostile = [
            "a\"b@contoso.com", "x\ny: injected@contoso.com", "# not a comment@contoso.com", "tab\there@contoso.com", "é漢@contoso.com",
        ]
        for value in hostile {
            let text = Self.yaml().replacingOccurrences(of: "  - name: printer", with: "  - name: " + YAMLScalar.quoted(value))
            let c = try BridgeConfiguration.parse(text, file: "b.yaml")
            #expect(c.accounts[0].name == value)
        }
    }

    @Test func likelyMistakesAreWarnings() throws {
        let c = try BridgeConfiguration.parse(
            Self.yaml(listener: "tls: none\n    address: 0.0.0.0\n    trustedLanPlain: true"), file: "b.yaml")
        #expect(c.warnings.contains { $0.contains("binds 0.0.0.0 but has no allow list") })
        #expect(c.warnings.contains { $0.contains("accepts passwords without TLS") })
        #expect(try BridgeConfiguration.parse(Self.yaml(listener: "tls: none\n    allow: [10.0.0.0/8]"), file: "b.yaml").warnings.isEmpty)
    }

    @Test func routesMatchBySenderThenRecipientDomain() throws {
        let text = Self.yaml().replacingOccurrences(
            of: "routes:\n  - name: smarthost",
            with: """
                routes:
                  - name: internal
                    type: smtp
                    host: 10.0.0.1
                    recipientDomains: [contoso.com]
                  - name: smarthost
                """)
        let c = try BridgeConfiguration.parse(text, file: "b.yaml")
        #expect(c.route(from: "a@contoso.com", recipients: ["b@contoso.com"])?.name == "internal")
        #expect(c.route(from: "a@contoso.com", recipients: ["b@contoso.com", "c@example.org"])?.name == "smarthost")
    }

    @Test func cidrMatching() throws {
        let net = try #require(CIDR("192.168.1.0/24"))
        #expect(net.contains(try SocketAddress(ipAddress: "192.168.1.77", port: 1)))
        #expect(!net.contains(try SocketAddress(ipAddress: "192.168.2.1", port: 1)))
        #expect(net.contains(try SocketAddress(ipAddress: "::ffff:192.168.1.9", port: 1)))
        #expect(try #require(CIDR("2001:db8::/32")).contains(try SocketAddress(ipAddress: "2001:db8::5", port: 1)))
        #expect(CIDR("10.0.0.0/33") == nil && CIDR("printer") == nil)
    }

    @Test func passwordHashesVerifyAndNeverHoldThePassword() throws {
        let h = try PasswordHash.make(password: "printer-pass", logN: 10)
        #expect(h.verify("printer-pass"))
        #expect(!h.verify("printer-pasS"))
        #expect(!h.encoded.contains("printer-pass"))
        #expect(PasswordHash(encoded: h.encoded) == h)
        let v = CredentialVerifier()
        let account = BridgeConfiguration.Account(name: "Printer", passwordHash: h, senders: ["a@b.c"])
        #expect(v.verify(user: "printer", password: "printer-pass", accounts: [account]) == "Printer")
        #expect(v.verify(user: "printer", password: "wrong", accounts: [account]) == nil)
        #expect(v.verify(user: "nobody", password: "printer-pass", accounts: [account]) == nil)
    }

    @Test func connectionCapsAndMessageRates() {
        var limits = BridgeConfiguration.Limits()
        limits.maxConnections = 3
        limits.maxConnectionsPerSource = 2
        limits.messagesPerMinutePerSource = 2
        let a = AdmissionControl()
        #expect(a.openConnection(source: "10.0.0.1", limits: limits))
        #expect(a.openConnection(source: "10.0.0.1", limits: limits))
        #expect(!a.openConnection(source: "10.0.0.1", limits: limits))
        #expect(a.openConnection(source: "10.0.0.2", limits: limits))
        #expect(!a.openConnection(source: "10.0.0.3", limits: limits))
        a.closeConnection(source: "10.0.0.1")
        #expect(a.openConnection(source: "10.0.0.3", limits: limits))
        let now = Date()
        #expect(a.admitMessage(source: "10.0.0.1", limits: limits, now: now))
        #expect(a.admitMessage(source: "10.0.0.1", limits: limits, now: now))
        #expect(!a.admitMessage(source: "10.0.0.1", limits: limits, now: now))
        #expect(a.admitMessage(source: "10.0.0.2", limits: limits, now: now))
        #expect(a.admitMessage(source: "10.0.0.1", limits: limits, now: now.addingTimeInterval(61)))
    }

    @Test func lockOutAfterRepeatedFailuresFromOneSource() {
        var limits = BridgeConfiguration.Limits()
        limits.authFailuresBeforeLockout = 3
        let a = AdmissionControl()
        for _ in 0..<2 { a.recordFailure(source: "10.0.0.9", user: "printer", limits: limits) }
        #expect(!a.isLockedOut(source: "10.0.0.9", user: "printer", limits: limits))
        a.recordFailure(source: "10.0.0.9", user: "printer", limits: limits)
        #expect(a.lockout(source: "10.0.0.9", user: "other", limits: limits) == .source)
        #expect(
            !a.isLockedOut(
                source: "10.0.0.9", user: "printer", limits: limits, now: Date().addingTimeInterval(Double(limits.lockoutSeconds) + 1)))
    }
}
