import Foundation
import NIOCore
import Testing

@testable import Bridge

/// The scheduler against a loopback sink, one behaviour per test: an upstream that is down and
/// then up (order per mailbox kept), resuming from disk after a restart, and a reload that
/// renames the route while messages wait.
@Suite(.serialized) struct DeliverySchedulerTests {
    /// The upstream's timeout is long on purpose: a delivery that timed out under a loaded CI run
    /// after the sink had taken the message would be sent again (at least once, as SMTP allows),
    /// and the order and count checks would fail for a reason that is not the scheduler's.
    static func configuration(spool: String, port: Int, routeName: String = "sink", initialRetry: Double = 0.05, extra: String = "") throws
        -> BridgeConfiguration
    {
        try BridgeConfiguration.parse(
            """
            spool: \(spool)
            listeners:
              - port: 2525
                tls: none
                relayWithoutAuth: [127.0.0.1]
                relaySenders: ["*@contoso.com"]
            routes:
              - name: \(routeName)
                type: smtp
                host: 127.0.0.1
                port: \(port)
                tls: none
                timeoutSeconds: 30
            retry:
              initialSeconds: \(initialRetry)
              maximumSeconds: \(max(initialRetry, 0.2))
            \(extra)
            """, file: "test.yaml")
    }

    static func envelope(_ from: String, _ n: Int, to recipients: [String] = ["r@fabrikam.com"]) -> (Envelope, [UInt8]) {
        let e = Envelope(
            id: Envelope.newID(), from: from, recipients: recipients, account: nil, client: "127.0.0.1", heloName: "t",
            listener: "l", acceptedAt: Date(), size: 0)
        return (e, Array("Subject: \(n)\r\n\r\nmessage \(n)\r\n".utf8))
    }

    /// How long a test waits for the scheduler before failing. It only bounds a failing test: a
    /// passing one returns as soon as its condition holds. Generous because CI runs every suite at
    /// once on two cores, where a first delivery attempt has taken over five seconds.
    static let patience: Double = 120

    static func waitUntil(_ seconds: Double = patience, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    struct Running {
        let scheduler: DeliveryScheduler
        let task: Task<Void, Error>
        func stop() async {
            task.cancel()
            _ = await task.result
        }
    }

    static func start(_ box: ConfigurationBox, spool: Spool) throws -> Running {
        let scheduler = try DeliveryScheduler(
            configuration: box, spool: spool, log: BridgeLog(spool: spool.root, quiet: true), metrics: BridgeMetrics(), tokens: nil)
        return Running(scheduler: scheduler, task: Task { try await scheduler.run() })
    }

    /// One message at a time per mailbox, as on XOAUTH2 and Graph routes (an smtp route may
    /// send a sender's messages in parallel, and then their order is not kept).
    static let oneAtATime = "delivery:\n  concurrencyPerSender: 1"

    /// A spool holding `count` messages from three mailboxes, committed while nothing listens on
    /// `port`; returns the spool and the subjects each mailbox sent, in order.
    static func waitingMessages(_ count: Int, prefix: String) throws -> (Spool, [String: [String]]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        let spool = try Spool(root: root)
        var sent: [String: [String]] = [:]
        for n in 0..<count {
            let from = "m\(n % 3)@contoso.com"
            let (e, data) = envelope(from, n)
            try spool.commit(e, data: data)
            sent[from, default: []].append("Subject: \(n)")
        }
        return (spool, sent)
    }

    static func subjectsByMailbox(_ sink: LoopbackSink) -> [String: [String]] {
        var got: [String: [String]] = [:]
        for m in sink.received { got[m.from, default: []].append(String(m.data.split(separator: "\n").first ?? "")) }
        return got
    }

    @Test func anUpstreamDownThenUpGetsEverythingInOrderPerMailbox() async throws {
        let port = try await LoopbackSink.freePort()
        let (spool, sent) = try Self.waitingMessages(12, prefix: "down-up")
        let run = try Self.start(
            ConfigurationBox(try Self.configuration(spool: spool.root, port: port, extra: Self.oneAtATime)), spool: spool)
        #expect(await Self.waitUntil { spool.queued().contains { $0.1.attempts > 0 } })
        let sink = try await LoopbackSink(port: port)
        defer { Task { await sink.stop() } }
        #expect(await Self.waitUntil { sink.received.count == 12 })
        await run.stop()
        #expect(Self.subjectsByMailbox(sink) == sent)
        #expect(spool.queued().isEmpty)
    }

    @Test func aRestartedSchedulerResumesFromTheSpoolKeepingTheAttempts() async throws {
        let port = try await LoopbackSink.freePort()
        let (spool, sent) = try Self.waitingMessages(3, prefix: "restart")
        let box = ConfigurationBox(try Self.configuration(spool: spool.root, port: port, extra: Self.oneAtATime))
        var run = try Self.start(box, spool: spool)
        #expect(await Self.waitUntil { spool.queued().contains { $0.1.attempts > 0 } })
        await run.stop()
        let attemptsBefore = spool.queued().map(\.1.attempts).reduce(0, +)
        #expect(attemptsBefore > 0)
        // A new scheduler reads the spool and retries; the count of attempts carries on.
        run = try Self.start(box, spool: spool)
        #expect(await Self.waitUntil { spool.queued().map(\.1.attempts).reduce(0, +) > attemptsBefore })
        let sink = try await LoopbackSink(port: port)
        defer { Task { await sink.stop() } }
        #expect(await Self.waitUntil { sink.received.count == 3 })
        await run.stop()
        #expect(Self.subjectsByMailbox(sink) == sent)
    }

    /// A reload renames the route while the same scheduler holds the waiting messages: each must
    /// move to its new mailbox queue, or a delivered one would leave a stale entry behind.
    @Test func aReloadThatRenamesTheRouteMovesTheWaitingMessages() async throws {
        let port = try await LoopbackSink.freePort()
        let (spool, sent) = try Self.waitingMessages(6, prefix: "rename")
        let box = ConfigurationBox(try Self.configuration(spool: spool.root, port: port, extra: Self.oneAtATime))
        let run = try Self.start(box, spool: spool)
        #expect(await Self.waitUntil { spool.queued().contains { $0.1.attempts > 0 } })
        box.replace(try Self.configuration(spool: spool.root, port: port, routeName: "renamed", extra: Self.oneAtATime))
        await run.scheduler.requestRescan()
        let sink = try await LoopbackSink(port: port)
        defer { Task { await sink.stop() } }
        #expect(await Self.waitUntil { sink.received.count == 6 && spool.queued().isEmpty })
        await run.stop()
        #expect(Self.subjectsByMailbox(sink) == sent)
        #expect(spool.queued().isEmpty)
    }
}
