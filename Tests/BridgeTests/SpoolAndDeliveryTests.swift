import Foundation
import NIOCore
import Reports
import Testing

@testable import Bridge

@Suite struct SpoolAndDeliveryTests {
    func temporarySpool() throws -> Spool {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)").path
        return try Spool(root: dir)
    }

    func envelope(_ from: String = "a@contoso.com") -> Envelope {
        Envelope(
            id: Envelope.newID(), from: from, recipients: ["b@fabrikam.com"], account: "printer", client: "10.0.0.5", heloName: "mfp",
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
        #expect(
            r(400, [], #"{"error":{"code":"ErrorMimeContentInvalidBase64String"}}"#)
                == .permanent("g: HTTP 400 ErrorMimeContentInvalidBase64String"))
    }

    @Test func envelopeOnlyRecipientsBecomeBcc() {
        let message = Array("From: a@contoso.com\r\nTo: B <b@fabrikam.com>\r\nSubject: s\r\n\r\nbody\r\n".utf8)
        let out = String(decoding: MIMEHeaders.addingBcc(for: ["b@fabrikam.com", "hidden@fabrikam.com"], to: message), as: UTF8.self)
        #expect(out.hasPrefix("Bcc: hidden@fabrikam.com\r\nFrom:"))
        #expect(MIMEHeaders.addingBcc(for: ["B@fabrikam.com"], to: message) == message)
    }

    @Test func fromDisplayNamesWithAnAtSignAreQuoted() {
        func q(_ header: String) -> String {
            String(
                decoding: MIMEHeaders.quotingFromDisplayName(Array("Subject: s\r\n\(header)\r\nTo: <b@c.d>\r\n\r\nbody\r\n".utf8)),
                as: UTF8.self)
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
        (failed.status, failed.reply, failed.dsnStatus, failed.diagnostic) = (
            .failed, "550 5.7.1 no\r\nway", "5.7.1", "smtp; 550 5.7.1 no\r\nway"
        )
        let notice = String(
            decoding: DeliveryStatusNotice.build(
                original: envelope(), failed: [failed], postmaster: "postmaster@contoso.com", reportingHost: "bridge",
                originalHeader: Array("Subject: scan\r\nMessage-ID: <m1@mfp>\r\n\r\nbody\r\n".utf8)), as: UTF8.self)
        #expect(notice.contains("Content-Type: multipart/report; report-type=delivery-status"))
        #expect(notice.contains("Final-Recipient: rfc822; b@fabrikam.com\r\nAction: failed\r\nStatus: 5.7.1\r\n"))
        #expect(notice.contains("Diagnostic-Code: smtp; 550 5.7.1 no  way"))
        #expect(notice.contains("Content-Type: text/rfc822-headers\r\n\r\nSubject: scan\r\nMessage-ID: <m1@mfp>\r\n"))
        #expect(!notice.contains("body"))
    }
}
