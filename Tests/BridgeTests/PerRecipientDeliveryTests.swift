import Foundation
import Testing

@testable import Bridge

/// Issue 11: per-recipient delivery (a 550 bounces that recipient alone, a 452 keeps that
/// recipient queued alone, a restart never re-sends to a delivered recipient), a message in
/// back-off never holds back its mailbox queue, and upstream sessions are reused and run in
/// parallel. Against the loopback sink, answering RCPT per recipient.
@Suite(.serialized) struct PerRecipientDeliveryTests {
    typealias S = DeliverySchedulerTests

    static func spoolRoot() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("perrcpt-\(UUID().uuidString)").path
    }

    /// Messages the sink took, other than delivery status notices.
    static func mail(_ sink: LoopbackSink) -> [LoopbackSink.Message] { sink.received.filter { !$0.from.hasPrefix("postmaster@") } }
    static func notices(_ sink: LoopbackSink) -> [LoopbackSink.Message] { sink.received.filter { $0.from.hasPrefix("postmaster@") } }

    /// Answers 550 for bad@, 452 for later@ the first `deferrals` times.
    static func partialSink(deferrals: Int) async throws -> LoopbackSink {
        let sink = try await LoopbackSink()
        let count = Counter()
        sink.answerRcpt { address in
            if address.hasPrefix("bad@") { return "550 5.1.1 <\(address)>: Recipient address rejected: User unknown" }
            if address.hasPrefix("later@") && count.next() <= deferrals { return "452 4.2.2 Mailbox full" }
            return nil
        }
        return sink
    }

    @Test func noticesAreOnByDefaultAndPerSenderConcurrencyIsConfigurable() throws {
        let defaults = try S.configuration(spool: "/tmp/x", port: 25)
        #expect(defaults.retry.notifySender)
        #expect(defaults.deliveryConcurrencyPerSender == 8)
        let set = try S.configuration(spool: "/tmp/x", port: 25, extra: "delivery:\n  concurrency: 32\n  concurrencyPerSender: 2")
        #expect(set.deliveryConcurrency == 32 && set.deliveryConcurrencyPerSender == 2)
        #expect(throws: ConfigError.self) { try S.configuration(spool: "/tmp/x", port: 25, extra: "delivery:\n  concurrencyPerSender: 0") }
    }

    @Test func theGoodRecipientGetsItTheRefusedOneIsBouncedTheDeferredOneRetriedAlone() async throws {
        let root = Self.spoolRoot()
        let spool = try Spool(root: root)
        let sink = try await Self.partialSink(deferrals: 2)
        defer { Task { await sink.stop() } }
        let (e, data) = S.envelope("dev@contoso.com", 1, to: ["ok@fabrikam.com", "bad@fabrikam.com", "later@fabrikam.com"])
        try spool.commit(e, data: data)
        let run = try S.start(ConfigurationBox(try S.configuration(spool: root, port: sink.port)), spool: spool)
        #expect(await S.waitUntil { Self.mail(sink).count == 2 && spool.queued().isEmpty && spool.deadLettered().count == 1 })
        await run.stop()
        let mail = Self.mail(sink)
        // The first attempt: ok@ alone got it (bad@ refused, later@ deferred); later: later@ alone.
        #expect(mail.map(\.recipients) == [["ok@fabrikam.com"], ["later@fabrikam.com"]])
        #expect(mail.allSatisfy { $0.from == "dev@contoso.com" && $0.data.hasPrefix("Subject: 1") })
        #expect(sink.rcptAttempts.filter { $0 == "ok@fabrikam.com" }.count == 1)
        #expect(sink.rcptAttempts.filter { $0 == "bad@fabrikam.com" }.count == 1)
        // One notice, to the envelope sender, for bad@ alone, with the upstream's reply.
        let notices = Self.notices(sink)
        #expect(notices.count == 1)
        let notice = notices.first?.data ?? ""
        #expect(notices.first?.recipients == ["dev@contoso.com"])
        #expect(notice.contains("report-type=delivery-status"))
        #expect(notice.contains("Final-Recipient: rfc822; bad@fabrikam.com"))
        #expect(notice.contains("Status: 5.1.1"))
        #expect(notice.contains("Diagnostic-Code: smtp; 550 5.1.1 <bad@fabrikam.com>: Recipient address rejected: User unknown"))
        #expect(!notice.contains("Final-Recipient: rfc822; ok@fabrikam.com"))
        #expect(!notice.contains("Final-Recipient: rfc822; later@fabrikam.com"))
        #expect(notice.contains("Subject: 1"))
        // The dead-letter folder keeps it with every recipient's state, for the operator.
        let states = spool.deadLettered().first?.1.recipients ?? []
        #expect(states.map(\.status) == [.delivered, .failed, .delivered])
        #expect(states.map(\.attempts) == [1, 1, 3])
        #expect(states[1].notified == true)
    }

    @Test func whenEveryRecipientIsRefusedNoDataIsSentAndOneNoticeListsThemAll() async throws {
        let root = Self.spoolRoot()
        let spool = try Spool(root: root)
        let sink = try await Self.partialSink(deferrals: 0)
        defer { Task { await sink.stop() } }
        try spool.commit(
            S.envelope("dev@contoso.com", 1, to: ["bad@fabrikam.com", "bad@northwind.example"]).0,
            data: Array("Subject: 1\r\n\r\nx\r\n".utf8))
        let run = try S.start(ConfigurationBox(try S.configuration(spool: root, port: sink.port)), spool: spool)
        #expect(await S.waitUntil { Self.notices(sink).count == 1 && spool.deadLettered().count == 1 })
        await run.stop()
        #expect(Self.mail(sink).isEmpty)
        let notice = Self.notices(sink).first?.data ?? ""
        #expect(
            notice.contains("Final-Recipient: rfc822; bad@fabrikam.com")
                && notice.contains("Final-Recipient: rfc822; bad@northwind.example"))
    }

    @Test func aNullSenderIsNeverSentANotice() async throws {
        let root = Self.spoolRoot()
        let spool = try Spool(root: root)
        let sink = try await Self.partialSink(deferrals: 0)
        defer { Task { await sink.stop() } }
        try spool.commit(S.envelope("", 1, to: ["ok@fabrikam.com", "bad@fabrikam.com"]).0, data: Array("Subject: 1\r\n\r\nx\r\n".utf8))
        let run = try S.start(ConfigurationBox(try S.configuration(spool: root, port: sink.port)), spool: spool)
        #expect(await S.waitUntil { spool.deadLettered().count == 1 })
        try await Task.sleep(for: .milliseconds(300))
        await run.stop()
        #expect(sink.received.map(\.recipients) == [["ok@fabrikam.com"]])
        #expect(spool.queued().isEmpty)
    }

    @Test func aRestartResumesExactlyAndNeverResendsToADeliveredRecipient() async throws {
        let root = Self.spoolRoot()
        let spool = try Spool(root: root)
        let sink = try await LoopbackSink()
        defer { Task { await sink.stop() } }
        let (e, data) = S.envelope("dev@contoso.com", 1, to: ["done@fabrikam.com", "later@fabrikam.com"])
        try spool.commit(e, data: data)
        // What a bridge killed after the first attempt left on disk.
        var state = DeliveryState()
        state.attempts = 1
        state.status = .deferred
        state.nextAttempt = Date()
        var done = RecipientState(address: "done@fabrikam.com")
        done.status = .delivered
        done.reply = "sink: data: 250 2.0.0 queued"
        state.recipients = [done, RecipientState(address: "later@fabrikam.com")]
        spool.save(state, id: e.id)
        let run = try S.start(ConfigurationBox(try S.configuration(spool: root, port: sink.port)), spool: spool)
        #expect(await S.waitUntil { sink.received.count == 1 && spool.queued().isEmpty })
        try await Task.sleep(for: .milliseconds(300))
        await run.stop()
        #expect(sink.received.map(\.recipients) == [["later@fabrikam.com"]])
        #expect(!sink.rcptAttempts.contains("done@fabrikam.com"))
        #expect(spool.deadLettered().isEmpty)
    }

    @Test func aMessageInBackOffDoesNotHoldBackTheMessagesBehindIt() async throws {
        let root = Self.spoolRoot()
        let spool = try Spool(root: root)
        let sink = try await Self.partialSink(deferrals: 1_000)
        defer { Task { await sink.stop() } }
        // One message at a time for this sender, so only stepping out of the line lets B-D pass.
        let config = try S.configuration(spool: root, port: sink.port, initialRetry: 60, extra: "delivery:\n  concurrencyPerSender: 1")
        try spool.commit(S.envelope("dev@contoso.com", 0, to: ["later@fabrikam.com"]).0, data: Array("Subject: 0\r\n\r\nx\r\n".utf8))
        for n in 1...3 {
            let (e, data) = S.envelope("dev@contoso.com", n, to: ["ok@fabrikam.com"])
            try spool.commit(e, data: data)
        }
        let run = try S.start(ConfigurationBox(config), spool: spool)
        #expect(await S.waitUntil { sink.received.count == 3 })
        await run.stop()
        #expect(sink.received.map { String($0.data.prefix(10)) } == ["Subject: 1", "Subject: 2", "Subject: 3"])
        let waiting = spool.queued()
        #expect(waiting.count == 1)
        #expect(waiting.first?.0.recipients == ["later@fabrikam.com"])
        #expect((waiting.first?.1.nextAttempt ?? .distantPast) > Date())
    }

    @Test func sessionsAreReusedWithRsetAndOneSendersMessagesGoOutInParallel() async throws {
        let root = Self.spoolRoot()
        let spool = try Spool(root: root)
        let sink = try await LoopbackSink()
        defer { Task { await sink.stop() } }
        for n in 0..<60 {
            let (e, data) = S.envelope("dev@contoso.com", n)
            try spool.commit(e, data: data)
        }
        let config = try S.configuration(spool: root, port: sink.port, extra: "delivery:\n  concurrency: 8\n  concurrencyPerSender: 4")
        let run = try S.start(ConfigurationBox(config), spool: spool)
        #expect(await S.waitUntil { sink.received.count == 60 && spool.queued().isEmpty })
        await run.stop()
        #expect(Set(sink.received.map(\.data)).count == 60)
        #expect(sink.connections <= 8)
        #expect(sink.resets >= 60 - sink.connections)
        #expect(sink.mostOpenAtOnce > 1)
        #expect(sink.mostOpenAtOnce <= 4)
    }
}

/// A thread-safe counter for the sink's reply closures.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
