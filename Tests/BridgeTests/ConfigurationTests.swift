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
            (Self.yaml().replacingOccurrences(of: "port: 2525", with: "port: 99999"), "b.yaml:4: listeners[0].port: expected a whole number from 1 to 65535"),
            (Self.yaml().replacingOccurrences(of: "trustedLanPlain", with: "trustedLanPlan"), "b.yaml:6: listeners[0].trustedLanPlan: unknown setting"),
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
        let hostile = ["a\"b@contoso.com", "x\ny: injected@contoso.com", "# not a comment@contoso.com", "tab\there@contoso.com", "é漢@contoso.com"]
        for value in hostile {
            let text = Self.yaml().replacingOccurrences(of: "  - name: printer", with: "  - name: " + YAMLScalar.quoted(value))
            let c = try BridgeConfiguration.parse(text, file: "b.yaml")
            #expect(c.accounts[0].name == value)
        }
    }

    @Test func likelyMistakesAreWarnings() throws {
        let c = try BridgeConfiguration.parse(Self.yaml(listener: "tls: none\n    address: 0.0.0.0\n    trustedLanPlain: true"), file: "b.yaml")
        #expect(c.warnings.contains { $0.contains("binds 0.0.0.0 but has no allow list") })
        #expect(c.warnings.contains { $0.contains("accepts passwords without TLS") })
        #expect(try BridgeConfiguration.parse(Self.yaml(listener: "tls: none\n    allow: [10.0.0.0/8]"), file: "b.yaml").warnings.isEmpty)
    }

    @Test func routesMatchBySenderThenRecipientDomain() throws {
        let text = Self.yaml().replacingOccurrences(of: "routes:\n  - name: smarthost", with: """
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
        #expect(!a.isLockedOut(source: "10.0.0.9", user: "printer", limits: limits, now: Date().addingTimeInterval(Double(limits.lockoutSeconds) + 1)))
    }
}

@Suite struct SpoolAndDeliveryTests {
    func temporarySpool() throws -> Spool {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)").path
        return try Spool(root: dir)
    }

    func envelope(_ from: String = "a@contoso.com") -> Envelope {
        Envelope(id: Envelope.newID(), from: from, recipients: ["b@fabrikam.com"], account: "printer", client: "10.0.0.5", heloName: "mfp",
                 listener: "lan", acceptedAt: Date(), size: 5)
    }

    @Test func commitThenReadBackAndRemove() throws {
        let spool = try temporarySpool()
        let e = envelope()
        try spool.commit(e, data: Array("hello\r\n".utf8))
        #expect(spool.queued().map(\.0.id) == [e.id])
        #expect(abs(spool.queued()[0].0.acceptedAt.timeIntervalSince(e.acceptedAt)) < 0.002)
        #expect(spool.message(id: e.id) == Array("hello\r\n".utf8))
        var s = DeliveryState()
        s.attempts = 2
        s.status = .deferred
        spool.save(s, id: e.id)
        #expect(spool.queued().first?.1 == s)
        spool.moveToDead(id: e.id, state: s)
        #expect(spool.queued().isEmpty && spool.deadLettered().count == 1)
        #expect(spool.requeue(id: e.id))
        #expect(spool.queued().count == 1 && spool.deadLettered().isEmpty)
        #expect(spool.remove(id: e.id))
        #expect(spool.queued().isEmpty)
        #expect(!Spool.isValidID("../etc/passwd"))
    }

    @Test func aFullDiskIsSeenBeforeDATA() throws {
        let spool = try temporarySpool()
        #expect(try #require(spool.freeBytes()) > 0)
        #expect(spool.hasRoom(for: 1000, reserve: 0))
        #expect(!spool.hasRoom(for: 1000, reserve: Int64.max / 2))
    }

    @Test func operatorChangesAreSignalledOnce() throws {
        let spool = try temporarySpool()
        #expect(!spool.takeRescanRequest())
        spool.requestRescan()
        #expect(spool.takeRescanRequest())
        #expect(!spool.takeRescanRequest())
    }

    @Test func streamedContentIsCommittedWithItsSize() throws {
        let spool = try temporarySpool()
        let message = try spool.begin(envelope())
        message.append(Array("Subject: s\r\n\r\n".utf8))
        message.append(Array("body\r\n".utf8))
        let committed = try spool.commit(message)
        #expect(committed.size == 20)
        #expect(spool.queued().first?.0.size == 20)
        #expect(spool.message(id: committed.id) == Array("Subject: s\r\n\r\nbody\r\n".utf8))
        let abandoned = try spool.begin(envelope())
        abandoned.append([1, 2, 3])
        abandoned.discard()
        #expect(spool.purgeIncoming() == 0)
    }

    @Test func incompleteFilesFromACrashArePurged() throws {
        let spool = try temporarySpool()
        #expect(FileManager.default.createFile(atPath: spool.root + "/incoming/partial", contents: Data("x".utf8)))
        #expect(spool.purgeIncoming() == 1)
        #expect(spool.queued().isEmpty)
    }

    @Test func idsSortByAcceptance() {
        let ids = (0..<1000).map { _ in Envelope.newID() }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == 1000)
    }

    @Test func backoffDoublesToTheCapAndHonoursRetryAfter() {
        let b = Backoff(initial: 300, maximum: 14_400)
        #expect((1...8).map { b.delay(afterAttempt: $0) } == [300, 600, 1200, 2400, 4800, 9600, 14_400, 14_400])
        #expect(b.delay(afterAttempt: 1, retryAfter: 900) == 900)
        #expect(RetryAfter.parse("120") == 120)
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", now: Date(timeIntervalSince1970: 1_445_412_420)) == 60)
    }

    @Test func graphAnswersAreClassified() {
        func r(_ status: Int, _ headers: [(String, String)] = [], _ body: String = "") -> DeliveryResult {
            GraphUpstream.classify(.init(status: status, headers: headers, body: Array(body.utf8)), route: "g")
        }
        #expect(r(202) == .delivered("g: HTTP 202 Accepted"))
        #expect(r(429, [("retry-after", "30")]) == .temporary("g: HTTP 429", retryAfter: 30))
        #expect(r(503, [("RETRY-AFTER", "7")]) == .temporary("g: HTTP 503", retryAfter: 7))
        #expect(r(504) == .temporary("g: HTTP 504", retryAfter: nil))
        #expect(r(403, [], #"{"error":{"code":"ErrorSendAsDenied","message":"x"}}"#) == .permanent("g: HTTP 403 ErrorSendAsDenied"))
        #expect(r(400, [], #"{"error":{"code":"ErrorMimeContentInvalidBase64String"}}"#) == .permanent("g: HTTP 400 ErrorMimeContentInvalidBase64String"))
    }

    @Test func envelopeOnlyRecipientsBecomeBcc() {
        let message = Array("From: a@contoso.com\r\nTo: B <b@fabrikam.com>\r\nSubject: s\r\n\r\nbody\r\n".utf8)
        let out = String(decoding: MIMEHeaders.addingBcc(for: ["b@fabrikam.com", "hidden@fabrikam.com"], to: message), as: UTF8.self)
        #expect(out.hasPrefix("Bcc: hidden@fabrikam.com\r\nFrom:"))
        #expect(MIMEHeaders.addingBcc(for: ["B@fabrikam.com"], to: message) == message)
    }

    @Test func fromDisplayNamesWithAnAtSignAreQuoted() {
        func q(_ header: String) -> String {
            String(decoding: MIMEHeaders.quotingFromDisplayName(Array("Subject: s\r\n\(header)\r\nTo: <b@c.d>\r\n\r\nbody\r\n".utf8)), as: UTF8.self)
        }
        #expect(q("From: scan@contoso.com <scan@contoso.com>").contains("\r\nFrom: \"scan@contoso.com\" <scan@contoso.com>\r\nTo:"))
        #expect(q("From: Scanner \"2F\" x@y <scan@contoso.com>").contains("From: \"Scanner \\\"2F\\\" x@y\" <scan@contoso.com>"))
        #expect(q("From: \"a@b\" <scan@contoso.com>").contains("From: \"a@b\" <scan@contoso.com>"))
        #expect(q("From: Scanner <scan@contoso.com>").contains("From: Scanner <scan@contoso.com>"))
        #expect(q("From: scan@contoso.com").contains("From: scan@contoso.com\r\n"))
        #expect(q("From: scan@contoso.com <scan@contoso.com>").hasSuffix("\r\n\r\nbody\r\n"))
    }

    @Test func metricsAreValidPrometheusText() {
        let m = BridgeMetrics()
        m.count("accepted", by: 3)
        m.observeDeliveryLatency(0.3)
        m.observeDeliveryLatency(7200)
        m.setQueueDepth(2)
        let text = m.prometheusText
        #expect(text.contains("authshift_bridge_accepted_total 3\n"))
        #expect(text.contains("authshift_bridge_queue_depth 2\n"))
        #expect(text.contains("authshift_bridge_delivery_latency_seconds_bucket{le=\"0.5\"} 1\n"))
        #expect(text.contains("authshift_bridge_delivery_latency_seconds_count 2\n"))
    }

    @Test func aDeliveryStatusNoticeIsAMultipartReport() {
        var failed = RecipientState(address: "b@fabrikam.com")
        (failed.status, failed.reply, failed.dsnStatus, failed.diagnostic) = (.failed, "550 5.7.1 no\r\nway", "5.7.1", "smtp; 550 5.7.1 no\r\nway")
        let notice = String(decoding: DeliveryStatusNotice.build(original: envelope(), failed: [failed], postmaster: "postmaster@contoso.com", reportingHost: "bridge",
                                                                 originalHeader: Array("Subject: scan\r\nMessage-ID: <m1@mfp>\r\n\r\nbody\r\n".utf8)), as: UTF8.self)
        #expect(notice.contains("Content-Type: multipart/report; report-type=delivery-status"))
        #expect(notice.contains("Final-Recipient: rfc822; b@fabrikam.com\r\nAction: failed\r\nStatus: 5.7.1\r\n"))
        #expect(notice.contains("Diagnostic-Code: smtp; 550 5.7.1 no  way"))
        #expect(notice.contains("Content-Type: text/rfc822-headers\r\n\r\nSubject: scan\r\nMessage-ID: <m1@mfp>\r\n"))
        #expect(!notice.contains("body"))
    }
}
