import Foundation
import NIOCore
import Testing
@testable import Bridge

/// The scheduler against a loopback sink: order per mailbox, resuming from disk, an upstream
/// that is down and then up, and a reload that renames the route while messages wait.
@Suite(.serialized) struct DeliverySchedulerTests {
    static func configuration(spool: String, port: Int, routeName: String = "sink", initialRetry: Double = 0.05, extra: String = "") throws -> BridgeConfiguration {
        try BridgeConfiguration.parse("""
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
            timeoutSeconds: 2
        retry:
          initialSeconds: \(initialRetry)
          maximumSeconds: \(max(initialRetry, 0.2))
        \(extra)
        """, file: "test.yaml")
    }

    static func envelope(_ from: String, _ n: Int, to recipients: [String] = ["r@fabrikam.com"]) -> (Envelope, [UInt8]) {
        let e = Envelope(id: Envelope.newID(), from: from, recipients: recipients, account: nil, client: "127.0.0.1", heloName: "t",
                         listener: "l", acceptedAt: Date(), size: 0)
        return (e, Array("Subject: \(n)\r\n\r\nmessage \(n)\r\n".utf8))
    }

    static func waitUntil(_ seconds: Double, _ condition: () -> Bool) async -> Bool {
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
        func stop() async { task.cancel(); _ = await task.result }
    }

    static func start(_ box: ConfigurationBox, spool: Spool) throws -> Running {
        let scheduler = try DeliveryScheduler(configuration: box, spool: spool, log: BridgeLog(spool: spool.root, quiet: true), metrics: BridgeMetrics(), tokens: nil)
        return Running(scheduler: scheduler, task: Task { try await scheduler.run() })
    }

    @Test func downThenUpDeliversEverythingInOrderPerMailboxAcrossARestartAndARename() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sched-\(UUID().uuidString)").path
        let spool = try Spool(root: root)
        let port = try await LoopbackSink.freePort()
        // One message at a time per mailbox, as on XOAUTH2 and Graph routes (an smtp route may
        // send a sender's messages in parallel, and then their order is not kept).
        let oneAtATime = "delivery:\n  concurrencyPerSender: 1"
        let box = ConfigurationBox(try Self.configuration(spool: root, port: port, extra: oneAtATime))
        // Messages committed while nothing listens upstream.
        var sent: [String: [String]] = [:]
        for n in 0..<12 {
            let from = "m\(n % 3)@contoso.com"
            let (e, data) = Self.envelope(from, n)
            try spool.commit(e, data: data)
            sent[from, default: []].append("Subject: \(n)")
        }
        var run = try Self.start(box, spool: spool)
        #expect(await Self.waitUntil(5) { spool.queued().contains { $0.1.attempts > 0 } })
        // Restart: a new scheduler reads the spool and retries.
        await run.stop()
        let attemptsBefore = spool.queued().map(\.1.attempts).reduce(0, +)
        run = try Self.start(box, spool: spool)
        #expect(await Self.waitUntil(5) { spool.queued().map(\.1.attempts).reduce(0, +) > attemptsBefore })
        // A reload renames the route while the same scheduler holds the waiting messages: each
        // must move to its new mailbox queue, or a delivered one would leave a stale entry behind.
        box.replace(try Self.configuration(spool: root, port: port, routeName: "renamed", extra: oneAtATime))
        await run.scheduler.requestRescan()
        let sink = try await LoopbackSink(port: port)
        defer { Task { await sink.stop() } }
        #expect(await Self.waitUntil(20) { sink.received.count == 12 })
        await run.stop()
        var got: [String: [String]] = [:]
        for m in sink.received { got[m.from, default: []].append(String(m.data.split(separator: "\n").first ?? "")) }
        #expect(got == sent)
        #expect(spool.queued().isEmpty)
    }
}
