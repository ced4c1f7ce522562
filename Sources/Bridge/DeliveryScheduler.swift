import Foundation
import NIOSSL
import OAuth
import ServiceLifecycle
import Transport

/// Delivers spooled messages upstream, per recipient: every recipient the upstream accepts
/// gets the message; one refused with a 5xx is bounced (a delivery status notice to the
/// envelope sender, unless the sender is `<>`); one refused with a 4xx stays queued alone and
/// is retried with exponential back-off; at the give-up time it is bounced too. A message leaves
/// the queue when no recipient is pending: removed when all were delivered, moved to `dead/`
/// (for the operator) when any failed.
///
/// Order and pace: messages of one mailbox queue go out oldest first, one at a time on routes
/// where the order of a device's mail is visible (XOAUTH2 and Graph; paced per mailbox, Exchange
/// Online allows 30 messages a minute, docs/relay.md#exchange-online-sending-limits), up to `deliveryConcurrencyPerSender` at
/// once on `smtp` routes (a connector or smarthost); mailbox queues are served in parallel up to
/// `deliveryConcurrency`. A message waiting for its next attempt steps out of the line: it never
/// holds back the ready messages behind it. Upstream SMTP sessions are kept and reused.
///
/// Everything it decides is written to disk before it acts on it (the recipients' states with
/// temporary file, fsync and rename), so `kill -9` at any point loses nothing and a restart
/// resumes exactly: a recipient recorded as delivered is never sent the message again; one
/// delivered in the instant before the crash is sent again (at-least-once, and the delivery
/// log shows it).
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
    /// Built once and shared by every delivery: the SMTP client's TLS context, the kept SMTP
    /// sessions and the https client for Graph (building a TLS context reads the CA bundle).
    private let upstreams: Upstreams
    private var items: [String: Item] = [:]
    private var mailboxQueues: [String: [String]] = [:]
    /// Deliveries in flight per mailbox queue.
    private var inFlight: [String: Int] = [:]
    private var recentSends: [String: [Date]] = [:]
    private var running: [String: Task<Void, Never>] = [:]
    private var lastRescan = Date.distantPast
    private var lastSweep = Date()
    /// Ticks of the scheduling loop: a timer, new messages, finished attempts. Finishing it ends
    /// the loop (graceful shutdown), which is why it is made once and reachable without the actor.
    private let wakeStream: AsyncStream<Void>
    private nonisolated let wake: AsyncStream<Void>.Continuation

    public init(
        configuration: ConfigurationBox, spool: Spool, log: BridgeLog, metrics: BridgeMetrics, tokens: TokenCache?,
        trustRoots: [NIOSSLCertificate] = []
    ) throws {
        self.configuration = configuration
        self.spool = spool
        self.log = log
        self.metrics = metrics
        upstreams = Upstreams(
            tokens: tokens, smtpTLS: try ClientTLS.context(trustRoots: trustRoots), sessions: SMTPSessionPool(),
            http: HTTPSPost(trustRoots: trustRoots))
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
                if Date().timeIntervalSince(lastSweep) > 1 {
                    lastSweep = Date()
                    let sessions = upstreams.sessions
                    Task { await sessions.sweep() }
                }
            }
        } onGracefulShutdown: {
            wake.finish()
        }
        ticker.cancel()
        let inFlight = Array(running.values)
        for task in inFlight { await task.value }
        await upstreams.sessions.sweep(all: true)
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
        // IDs sort by acceptance time; keep each mailbox's queue in that order. A new message is
        // the newest: appended in place (a backlog of thousands is never copied per message).
        let id = item.envelope.id
        if (mailboxQueues[key]?.last ?? "") < id {
            mailboxQueues[key, default: []].append(id)
        } else {
            let position = mailboxQueues[key]?.firstIndex { $0 > id } ?? 0
            mailboxQueues[key, default: []].insert(id, at: position)
        }
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
                if running[envelope.id] == nil, existing.state != state {
                    existing.state = state
                    items[envelope.id] = existing
                }
            } else {
                insert(Item(envelope: envelope, state: state))
            }
        }
        metrics.setQueueDepth(items.count)
    }

    private func drop(_ id: String) {
        guard let item = items.removeValue(forKey: id) else { return }
        // Usually at the front: find it, remove it in place.
        if let index = mailboxQueues[item.key]?.firstIndex(of: id) { mailboxQueues[item.key]?.remove(at: index) }
        if mailboxQueues[item.key]?.isEmpty == true { mailboxQueues[item.key] = nil }
    }

    /// After a reload the routes, and so the mailbox queues, may differ: re-file every message,
    /// those being delivered right now too (with their count in flight), so that a message
    /// behind one in flight cannot overtake it in its new queue.
    private func regroup() {
        for (id, item) in items {
            let key = mailboxKey(item.envelope)
            guard key != item.key else { continue }
            if running[id] != nil {
                inFlight[item.key, default: 1] -= 1
                if inFlight[item.key] ?? 0 <= 0 { inFlight[item.key] = nil }
                inFlight[key, default: 0] += 1
            }
            drop(id)
            insert(Item(envelope: item.envelope, state: item.state))
        }
    }

    private func dispatch() {
        let config = configuration.current
        let now = Date()
        for (key, queue) in mailboxQueues.sorted(by: { ($0.value.first ?? "") < ($1.value.first ?? "") }) {
            guard running.count < config.deliveryConcurrency else { return }
            guard let head = queue.first(where: { items[$0] != nil }).flatMap({ items[$0] }) else {
                // Never let stale entries block a mailbox's queue.
                mailboxQueues[key] = nil
                continue
            }
            let route = config.route(from: head.envelope.from, recipients: head.envelope.recipients)
            // Order is visible on XOAUTH2 and Graph routes: one at a time per mailbox there.
            let limit = route?.kind == .smtp ? config.deliveryConcurrencyPerSender : 1
            var active = inFlight[key, default: 0]
            for id in queue where active < limit {
                guard running.count < config.deliveryConcurrency else { return }
                guard running[id] == nil, let item = items[id] else { continue }
                if let next = item.state.nextAttempt, next > now {
                    // Waiting because the route failed (no connection, throttling): the ones behind
                    // it would fail alike, so they wait behind it and the order holds. Waiting for
                    // a reason of its own (a 452 for a recipient): it steps out of the line.
                    if item.state.deferredByRoute == true { break }
                    continue
                }
                if let route, route.messagesPerMinutePerMailbox > 0 {
                    let recent = (recentSends[key] ?? []).filter { now.timeIntervalSince($0) < 60 }
                    recentSends[key] = recent
                    if recent.count >= route.messagesPerMinutePerMailbox { break }
                    recentSends[key] = recent + [now]
                }
                start(item, key: key, config: config)
                active += 1
            }
        }
    }

    private func start(_ item: Item, key: String, config: BridgeConfiguration) {
        inFlight[key, default: 0] += 1
        let envelope = item.envelope
        let pending = item.state.pendingRecipients(for: envelope)
        let attempt = item.state.attempts + 1
        let upstreams = self.upstreams
        running[envelope.id] = Task { [spool] in
            let (outcomes, route) = await Self.attempt(
                envelope, recipients: pending, configuration: config, spool: spool, upstreams: upstreams)
            self.finish(envelope, key: key, attempt: attempt, outcomes: outcomes, route: route)
        }
    }

    private static func attempt(
        _ envelope: Envelope, recipients: [String], configuration config: BridgeConfiguration, spool: Spool,
        upstreams: Upstreams
    ) async -> ([String: RecipientOutcome], String?) {
        guard var route = config.route(from: envelope.from, recipients: envelope.recipients) else {
            return (
                RecipientOutcome.all(
                    recipients,
                    RecipientOutcome(.temporary("no route matches this sender and these recipients", retryAfter: nil), routeWide: true)),
                nil
            )
        }
        guard let data = spool.message(id: envelope.id) else {
            return (RecipientOutcome.all(recipients, RecipientOutcome(.permanent("the message file is gone"))), route.name)
        }
        if route.kind == .graph && data.count > route.graphMaxMimeSize {
            guard let large = route.largeMessageRoute.flatMap(config.route(named:)) else {
                let reason =
                    "\(route.name): \(data.count) octets is over Graph's limit (\(route.graphMaxMimeSize)) and no largeMessageRoute is set"
                return (RecipientOutcome.all(recipients, RecipientOutcome(.permanent(reason), status: "5.3.4")), route.name)
            }
            route = large
        }
        switch route.kind {
        case .graph:
            guard let tokens = upstreams.tokens else {
                return (
                    RecipientOutcome.all(recipients, RecipientOutcome(.temporary("no OAuth settings", retryAfter: nil), routeWide: true)),
                    route.name
                )
            }
            return (
                await GraphUpstream(route: route, tokens: tokens, http: upstreams.http).deliver(
                    envelope, recipients: recipients, data: data), route.name
            )
        case .smtp, .smtpXOAuth2:
            let upstream = SMTPUpstream(
                route: route, hostname: config.hostname, tokens: upstreams.tokens, tlsContext: upstreams.smtpTLS,
                sessions: upstreams.sessions)
            return (await upstream.deliver(envelope, recipients: recipients, data: data), route.name)
        }
    }

    private func finish(_ envelope: Envelope, key startKey: String, attempt: Int, outcomes: [String: RecipientOutcome], route: String?) {
        running[envelope.id] = nil
        // A reload may have moved it to another queue while it was in flight (`regroup`).
        let key = items[envelope.id]?.key ?? startKey
        inFlight[key, default: 1] -= 1
        if inFlight[key] ?? 0 <= 0 { inFlight[key] = nil }
        defer {
            metrics.setQueueDepth(items.count)
            wake.yield()
        }
        // Deleted by the operator while in flight: forget it, write nothing, notify no one.
        guard spool.isQueued(id: envelope.id) else {
            drop(envelope.id)
            _ = spool.remove(id: envelope.id)
            return
        }
        let config = configuration.current
        let now = Date()
        var state = items[envelope.id]?.state ?? DeliveryState()
        state.attempts = attempt
        state.lastAttempt = now
        state.route = route
        var recipients = state.recipientStates(for: envelope)
        var newlyFailed: [Int] = []
        var delivered: [String] = []
        var retryAfter: TimeInterval?
        var routeWide = false
        for index in recipients.indices where recipients[index].status == .pending {
            guard let outcome = outcomes[recipients[index].address] else { continue }
            recipients[index].attempts += 1
            recipients[index].lastAttempt = now
            recipients[index].reply = outcome.result.summary
            recipients[index].dsnStatus = outcome.status
            recipients[index].diagnostic = outcome.diagnostic
            switch outcome.result {
            case .delivered:
                recipients[index].status = .delivered
                delivered.append(recipients[index].address)
            case .permanent:
                recipients[index].status = .failed
                newlyFailed.append(index)
            case .temporary(_, let after):
                routeWide = routeWide || outcome.routeWide
                if let after { retryAfter = max(retryAfter ?? 0, after) }
            }
        }
        var next: Date?
        if recipients.contains(where: { $0.status == .pending }) {
            let backoff = Backoff(initial: config.retry.initialSeconds, maximum: config.retry.maximumSeconds)
            let due = now.addingTimeInterval(backoff.delay(afterAttempt: attempt, retryAfter: retryAfter))
            if due.timeIntervalSince(envelope.acceptedAt) > config.retry.giveUpAfterSeconds {
                for index in recipients.indices where recipients[index].status == .pending {
                    recipients[index].status = .failed
                    recipients[index].reply = "gave up after \(attempt) attempts; last: \(recipients[index].reply ?? "no attempt")"
                    if recipients[index].dsnStatus == nil { recipients[index].dsnStatus = "4.4.7" }
                    newlyFailed.append(index)
                }
            } else {
                next = due
            }
        }
        state.lastResult = Self.summary(recipients.filter { outcomes[$0.address] != nil })
        log.message("attempt", id: envelope.id, ["attempt": attempt, "result": state.lastResult ?? "", "route": route ?? ""])
        if !delivered.isEmpty {
            log.message("delivered", id: envelope.id, ["from": envelope.from, "recipients": delivered, "attempts": attempt])
        }
        if !newlyFailed.isEmpty {
            let failed = newlyFailed.map { recipients[$0] }
            log.message(
                "bounced", id: envelope.id, ["from": envelope.from, "recipients": failed.map(\.address), "reason": Self.summary(failed)])
            // The notice is queued before the state that says it was sent: a crash in between
            // sends it twice, never not at all.
            if config.retry.notifySender, notifySender(envelope, failed: failed, config: config) {
                for index in newlyFailed { recipients[index].notified = true }
            }
        }
        state.recipients = recipients
        if let next {
            metrics.count("deferred")
            state.status = .deferred
            state.nextAttempt = next
            state.deferredByRoute = routeWide ? true : nil
            spool.save(state, id: envelope.id)
            items[envelope.id]?.state = state
            // Routes may have changed while it was in flight: re-file every queue, not this message
            // alone, or the ones behind it would be left heading a queue of their own.
            if let item = items[envelope.id], item.key != mailboxKey(envelope) { regroup() }
            return
        }
        metrics.observeDeliveryLatency(now.timeIntervalSince(envelope.acceptedAt))
        if recipients.contains(where: { $0.status == .failed }) {
            state.status = .dead
            state.nextAttempt = nil
            spool.moveToDead(id: envelope.id, state: state)
            drop(envelope.id)
            metrics.count("dead_lettered")
            if recipients.contains(where: { $0.status == .delivered }) { metrics.count("delivered") }
            log.message(
                "dead-lettered", id: envelope.id,
                [
                    "from": envelope.from, "recipients": recipients.filter { $0.status == .failed }.map(\.address),
                    "reason": Self.summary(recipients.filter { $0.status == .failed }),
                ])
        } else {
            // No directory fsync: should the removal be lost in a crash, the message is sent again
            // (at-least-once), never lost.
            _ = spool.remove(id: envelope.id, syncDirectory: false)
            drop(envelope.id)
            metrics.count("delivered")
        }
    }

    /// `reply` for one recipient; `address: reply; ...` for several.
    static func summary(_ recipients: [RecipientState]) -> String {
        if recipients.count == 1 { return recipients[0].reply ?? recipients[0].status.rawValue }
        return recipients.map { "\($0.address): \($0.reply ?? $0.status.rawValue)" }.joined(separator: "; ")
    }

    /// A delivery status notice (RFC 3464) for the failed recipients, queued like any other
    /// message; never for a notice itself, nor to a null sender `<>` (RFC 5321 §6.1, §4.5.5),
    /// so failures cannot loop. True when it is queued.
    private func notifySender(_ envelope: Envelope, failed: [RecipientState], config: BridgeConfiguration) -> Bool {
        let domain = BridgeConfiguration.domain(envelope.from)
        let postmaster = config.retry.postmaster.contains("@") ? config.retry.postmaster : "\(config.retry.postmaster)@\(domain)"
        guard !envelope.from.isEmpty, envelope.from.lowercased() != postmaster.lowercased(), envelope.account != "dsn" else { return false }
        let notice = DeliveryStatusNotice.build(
            original: envelope, failed: failed, postmaster: postmaster, reportingHost: config.hostname,
            originalHeader: spool.message(id: envelope.id) ?? [])
        let dsn = Envelope(
            id: Envelope.newID(), from: postmaster, recipients: [envelope.from], account: "dsn", client: "local",
            heloName: config.hostname, listener: "dsn", acceptedAt: Date(), size: notice.count)
        do {
            try spool.commit(dsn, data: notice)
            insert(Item(envelope: dsn, state: DeliveryState()))
            log.message("accepted", id: dsn.id, ["from": postmaster, "recipients": [envelope.from], "notice-for": envelope.id])
            return true
        } catch {
            log.event("error", "dsn-not-queued", ["id": envelope.id, "error": "\(error)"])
            return false
        }
    }
}

/// What every delivery attempt shares.
struct Upstreams: Sendable {
    let tokens: TokenCache?
    let smtpTLS: NIOSSLContext
    let sessions: SMTPSessionPool
    let http: HTTPSPost
}
