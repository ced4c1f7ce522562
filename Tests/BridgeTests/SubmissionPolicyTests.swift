import Foundation
import SMTP
import Testing

@testable import Bridge

/// The listener's admission, relay, sender and reload decisions in one value.
@Suite struct SubmissionPolicyTests {
    static func configuration(relay: String = "[10.0.0.0/24]", senders: String = "[\"*@contoso.com\"]") throws -> BridgeConfiguration {
        try BridgeConfiguration.parse(
            """
            spool: /tmp/unused
            listeners:
              - name: devices
                port: 2525
                tls: none
                allow: [10.0.0.0/16]
                relayWithoutAuth: \(relay)
                relaySenders: \(senders)
            accounts:
              - name: printer
                passwordHash: "\(InboundSessionTests.passwordHash)"
                senders: ["printer@contoso.com"]
            routes:
              - name: upstream
                type: smtp
                host: 127.0.0.1
                port: 25
                tls: none
            """, file: "policy.yaml")
    }

    static func policy(_ config: BridgeConfiguration) -> SubmissionPolicy {
        SubmissionPolicy(listener: config.listeners[0], limits: config.limits, admission: AdmissionControl())
    }

    @Test func allowListAndRelayWithoutAuth() throws {
        let p = Self.policy(try Self.configuration())
        #expect(p.admitsConnection(from: IPAddress("10.0.5.1")) && !p.admitsConnection(from: IPAddress("192.168.1.1")))
        #expect(!p.admitsConnection(from: nil))
        #expect(p.relaysWithoutAuth(IPAddress("10.0.0.9")) && !p.relaysWithoutAuth(IPAddress("10.0.5.1")))
    }

    @Test func sendersAreTheAccountsOrTheRelaySenders() throws {
        let config = try Self.configuration()
        let p = Self.policy(config)
        let account = config.accounts[0]
        let relay = p.senderPatterns(account: nil, authenticated: false)
        #expect(p.senderDecision(MailboxAddress("any@contoso.com"), patterns: relay, source: "10.0.0.9") == .allowed)
        #expect(p.senderDecision(nil, patterns: relay, source: "10.0.0.9") == .notAllowed)
        let own = p.senderPatterns(account: account, authenticated: true)
        #expect(p.senderDecision(MailboxAddress("any@contoso.com"), patterns: own, source: "10.0.0.9") == .notAllowed)
        #expect(
            p.headerFromDecision(.mailboxes([MailboxAddress("ceo@contoso.com")!]), patterns: own)
                == .notAllowed(MailboxAddress("ceo@contoso.com")!))
        #expect(p.headerFromDecision(.absent, patterns: own) == .allowed)
    }

    @Test func aReloadRevokesWhatTheSessionReliedOn() throws {
        let config = try Self.configuration()
        let p = Self.policy(config)
        let source = IPAddress("10.0.0.9")
        #expect(p.revocation(now: config, source: source, account: nil, authenticated: false) == nil)
        let narrower = try Self.configuration(relay: "[10.0.0.128/25]")
        #expect(
            p.revocation(now: narrower, source: source, account: nil, authenticated: false)
                == "relayWithoutAuth or relaySenders changed for this source")
        let otherSenders = try Self.configuration(senders: "[\"scan@contoso.com\"]")
        #expect(p.revocation(now: otherSenders, source: source, account: nil, authenticated: false) != nil)
        // An authenticated session does not rely on relayWithoutAuth.
        #expect(p.revocation(now: narrower, source: source, account: config.accounts[0], authenticated: true) == nil)
    }
}
