import Foundation
import NIOSSL
import OAuth
import ServiceLifecycle

/// Delivers spooled messages upstream: oldest first and one at a time per mailbox, so each
/// mailbox's messages arrive in the order they were accepted; paced per mailbox (Exchange
/// Online allows 30 messages a minute per mailbox, relay.md §7); retried with exponential
/// back-off from the state saved beside each message; moved to `dead/` after a final refusal or
/// when the give-up time passes. Everything it decides is written to disk before it acts on it,
/// so `kill -9` at any point loses nothing (a message delivered but not yet removed is sent
/// again after restart: at-least-once, and the delivery log shows it).
public actor DeliveryScheduler: Service {
    private struct Item {
        var envelope: Envelope
        var state: DeliveryState
        /// The mailbox queue it sits in, fixed when queued: a reload that changes routes moves
        /// it explicitly (`regroup`), so it can never be looked for in the wrong queue.
        var key = ""
    }

    private let configuration: ConfigurationBox
    private let spool: Spool
    private let log: BridgeLog
    private let metrics: BridgeMetrics
    /// Built once and shared by every delivery: the SMTP client's TLS context and the https
    /// client for Graph (building a TLS context reads the system's CA bundle).
    private let upstreams: Upstreams
    private var items: [String: Item] = [:]
    private var mailboxQueues: [String: [String]] = [:]
    private var busyMailboxes: Set<String> = []
    private var recentSends: [String: [Date]] = [:]
    private var running: [String: Task<Void, Never>] = [:]
    private var lastRescan = Date.distantPast
    /// Ticks of the scheduling loop: a timer, new messages, finished attempts. Finishing it ends
    /// the loop (graceful shutdown), which is why it is made once and reachable without the actor.
    private let wakeStream: AsyncStream<Void>
    private nonisolated let wake: AsyncStream<Void>.Continuation

    public init(configuration: ConfigurationBox, spool: Spool, log: BridgeLog, metrics: BridgeMetrics, tokens: TokenCache?, trustRoots: [NIOSSLCertificate] = []) throws {
        self.configuration = configuration
        self.spool = spool
        self.log = log
        self.metrics = metrics
        upstreams = Upstreams(tokens: tokens, smtpTLS: try ClientTLS.context(trustRoots: trustRoots), http: HTTPSPost(trustRoots: trustRoots))
        (wakeStream, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Runs until graceful shutdown, then waits for the deliveries in flight. Reads the queue
    /// from disk first: a restart resumes every message.
    public func run() async throws {
        rescan()
        let wake = self.wake
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(200))
                wake.yield()
            }
        }
        await withGracefulShutdownHandler {
            for await _ in wakeStream {
                // Operator changes (`bridge queue retry|delete`) leave a marker; a full scan also
                // runs every few minutes as a safety net, never every tick (a backlog can be large).
                if spool.takeRescanRequest() || Date().timeIntervalSince(lastRescan) > 300 { rescan() }
                dispatch()
            }
        } onGracefulShutdown: {
            wake.finish()
        }
        ticker.cancel()
        let inFlight = Array(running.values)
        for task in inFlight { await task.value }
    }

    /// Re-read the spool and re-file the queues under the current routes (SIGHUP).
    public func requestRescan() {
        rescan()
        regroup()
        wake.yield()
    }

    /// A message was just committed: schedule it without waiting for the next scan.
    public func enqueue(_ envelope: Envelope) {
        guard items[envelope.id] == nil else { return }
        insert(Item(envelope: envelope, state: DeliveryState()))
        metrics.setQueueDepth(items.count)
        wake.yield()
    }

    // MARK: Scheduling

    private func mailboxKey(_ envelope: Envelope) -> String {
        let config = configuration.current
        let route = config.route(from: envelope.from, recipients: envelope.recipients)
        return (route?.name ?? "-") + "|" + (route?.mailbox ?? envelope.from).lowercased()
    }

    private func insert(_ item: Item) {
        var item = item
        let key = mailboxKey(item.envelope)
        item.key = key
        items[item.envelope.id] = item
        var queue = mailboxQueues[key, default: []]
        // IDs sort by acceptance time; keep each mailbox's queue in that order.
        let position = queue.firstIndex { $0 > item.envelope.id } ?? queue.count
        queue.insert(item.envelope.id, at: position)
        mailboxQueues[key] = queue
    }

    /// Re-reads the queue folder: picks up operator retries and forgets messages deleted by
    /// `bridge queue delete`.
    private func rescan() {
        lastRescan = Date()
        let onDisk = spool.queued()
        let ids = Set(onDisk.map { $0.0.id })
        for (id, _) in items where !ids.contains(id) && running[id] == nil { drop(id) }
        for (envelope, state) in onDisk {
            if var existing = items[envelope.id] {
                if running[envelope.id] == nil, existing.state != state { existing.state = state; items[envelope.id] = existing }
            } else {
                insert(Item(envelope: envelope, state: state))
            }
        }
        metrics.setQueueDepth(items.count)
    }

    private func drop(_ id: String) {
        guard let item = items.removeValue(forKey: id) else { return }
        mailboxQueues[item.key]?.removeAll { $0 == id }
        if mailboxQueues[item.key]?.isEmpty == true { mailboxQueues[item.key] = nil }
    }

    /// After a reload the routes, and so the mailbox queues, may differ: re-file every message
    /// that is not being delivered right now (those keep their queue until they finish).
    private func regroup() {
        for (id, item) in items where running[id] == nil && mailboxKey(item.envelope) != item.key {
            drop(id)
            insert(Item(envelope: item.envelope, state: item.state))
        }
    }

    private func dispatch() {
        let config = configuration.current
        let now = Date()
        for (key, queue) in mailboxQueues.sorted(by: { ($0.value.first ?? "") < ($1.value.first ?? "") }) {
            guard running.count < config.deliveryConcurrency else { return }
            guard !busyMailboxes.contains(key), let head = queue.first else { continue }
            guard let item = items[head] else {
                // Never let a stale entry block a mailbox's queue.
                mailboxQueues[key]?.removeFirst()
                if mailboxQueues[key]?.isEmpty == true { mailboxQueues[key] = nil }
                continue
            }
            if let next = item.state.nextAttempt, next > now { continue }
            if let route = config.route(from: item.envelope.from, recipients: item.envelope.recipients), route.messagesPerMinutePerMailbox > 0 {
                let recent = (recentSends[key] ?? []).filter { now.timeIntervalSince($0) < 60 }
                if recent.count >= route.messagesPerMinutePerMailbox { recentSends[key] = recent; continue }
                recentSends[key] = recent + [now]
            } else {
                recentSends[key] = nil
            }
            busyMailboxes.insert(key)
            let envelope = item.envelope
            let attempt = item.state.attempts + 1
            running[head] = Task { [spool] in
                let result = await Self.attempt(envelope, configuration: config, spool: spool, upstreams: self.upstreams)
                await self.finish(envelope, key: key, attempt: attempt, result: result)
            }
        }
    }

    private static func attempt(_ envelope: Envelope, configuration config: BridgeConfiguration, spool: Spool,
                                upstreams: Upstreams) async -> (DeliveryResult, String?) {
        guard var route = config.route(from: envelope.from, recipients: envelope.recipients) else {
            return (.temporary("no route matches this sender and these recipients", retryAfter: nil), nil)
        }
        guard let data = spool.message(id: envelope.id) else { return (.permanent("the message file is gone"), route.name) }
        if route.kind == .graph && data.count > route.graphMaxMimeSize {
            guard let large = route.largeMessageRoute.flatMap(config.route(named:)) else {
                return (.permanent("\(route.name): \(data.count) octets is over Graph's limit (\(route.graphMaxMimeSize)) and no largeMessageRoute is set"), route.name)
            }
            route = large
        }
        switch route.kind {
        case .graph:
            guard let tokens = upstreams.tokens else { return (.temporary("no OAuth settings", retryAfter: nil), route.name) }
            return (await GraphUpstream(route: route, tokens: tokens, http: upstreams.http).deliver(envelope, data: data), route.name)
        case .smtp, .smtpXOAuth2:
            return (await SMTPUpstream(route: route, hostname: config.hostname, tokens: upstreams.tokens, tlsContext: upstreams.smtpTLS).deliver(envelope, data: data), route.name)
        }
    }

    private func finish(_ envelope: Envelope, key: String, attempt: Int, result: (DeliveryResult, String?)) {
        running[envelope.id] = nil
        busyMailboxes.remove(key)
        let config = configuration.current
        let now = Date()
        var state = items[envelope.id]?.state ?? DeliveryState()
        state.attempts = attempt
        state.lastAttempt = now
        state.lastResult = result.0.summary
        state.route = result.1
        log.message("attempt", id: envelope.id, ["attempt": attempt, "result": result.0.summary, "route": result.1 ?? ""])
        switch result.0 {
        case .delivered:
            _ = spool.remove(id: envelope.id)
            drop(envelope.id)
            metrics.count("delivered")
            metrics.observeDeliveryLatency(now.timeIntervalSince(envelope.acceptedAt))
            log.message("delivered", id: envelope.id, ["from": envelope.from, "recipients": envelope.recipients, "attempts": attempt])
        case .temporary(let reason, let retryAfter):
            metrics.count("deferred")
            let backoff = Backoff(initial: config.retry.initialSeconds, maximum: config.retry.maximumSeconds)
            let next = now.addingTimeInterval(backoff.delay(afterAttempt: attempt, retryAfter: retryAfter))
            if next.timeIntervalSince(envelope.acceptedAt) > config.retry.giveUpAfterSeconds {
                deadLetter(envelope, state: state, reason: "gave up after \(attempt) attempts; last: \(reason)", config: config)
            } else {
                state.status = .deferred
                state.nextAttempt = next
                spool.save(state, id: envelope.id)
                items[envelope.id]?.state = state
                // Routes may have changed while it was in flight.
                if let item = items[envelope.id], item.key != mailboxKey(envelope) {
                    drop(envelope.id)
                    insert(Item(envelope: envelope, state: state))
                }
            }
        case .permanent(let reason):
            deadLetter(envelope, state: state, reason: reason, config: config)
        }
        metrics.setQueueDepth(items.count)
        wake.yield()
    }

    private func deadLetter(_ envelope: Envelope, state: DeliveryState, reason: String, config: BridgeConfiguration) {
        var state = state
        state.status = .dead
        state.lastResult = reason
        spool.moveToDead(id: envelope.id, state: state)
        drop(envelope.id)
        metrics.count("dead_lettered")
        log.message("dead-lettered", id: envelope.id, ["from": envelope.from, "recipients": envelope.recipients, "reason": reason])
        if config.retry.notifySender { notifySender(envelope, reason: reason, config: config) }
    }

    /// A delivery status notification (RFC 3464 in outline) to the sender, queued like any other
    /// message; never for a notification itself, so failures cannot loop.
    private func notifySender(_ envelope: Envelope, reason: String, config: BridgeConfiguration) {
        let domain = BridgeConfiguration.domain(envelope.from)
        let postmaster = config.retry.postmaster.contains("@") ? config.retry.postmaster : "\(config.retry.postmaster)@\(domain)"
        guard !envelope.from.isEmpty, envelope.from.lowercased() != postmaster.lowercased(), envelope.account != "dsn" else { return }
        let notice = DeliveryStatusNotice.build(original: envelope, reason: reason, postmaster: postmaster, reportingHost: config.hostname)
        let dsn = Envelope(id: Envelope.newID(), from: postmaster, recipients: [envelope.from], account: "dsn", client: "local",
                           heloName: config.hostname, listener: "dsn", acceptedAt: Date(), size: notice.count)
        do {
            try spool.commit(dsn, data: notice)
            insert(Item(envelope: dsn, state: DeliveryState()))
            log.message("accepted", id: dsn.id, ["from": postmaster, "recipients": [envelope.from], "notice-for": envelope.id])
        } catch {
            log.event("error", "dsn-not-queued", ["id": envelope.id, "error": "\(error)"])
        }
    }
}

/// What every delivery attempt shares.
struct Upstreams: Sendable {
    let tokens: TokenCache?
    let smtpTLS: NIOSSLContext
    let http: HTTPSPost
}
