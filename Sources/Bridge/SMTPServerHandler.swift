import AuthShiftCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import SMTP

/// The thin part of the inbound server: feeds bytes to the framer and frames to the state
/// machine, performs the machine's actions (reply, start TLS, check a password off the event
/// loop, stream the message into the spool and commit it on this connection's own serial
/// queue, close), and enforces the idle timeout. While a check or a commit runs, later
/// pipelined commands wait in the framer, so replies stay in order. A client that sends faster
/// than the disk writes is paused (reads stop above 8 MiB waiting to be written).
final class SMTPServerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    struct Shared: Sendable {
        let listener: BridgeConfiguration.Listener
        let configuration: ConfigurationBox
        let spool: Spool
        let scheduler: DeliveryScheduler
        let log: BridgeLog
        let metrics: BridgeMetrics
        let admission: AdmissionControl
        let verifier: CredentialVerifier
        let sslContext: NIOSSLContext?
    }

    private let shared: Shared
    private let configuration: BridgeConfiguration
    private var framer: SMTPServerFramer
    private var machine: SMTPServerStateMachine
    private var source = "unknown"
    private var admitted = false
    private var paused = false
    private var closing = false
    private var idleTimer: Scheduled<Void>?
    /// The message being received and the queue that writes it, in order, off the event loop.
    private var incoming: IncomingMessage?
    private let writer = DispatchQueue(label: "authshift.bridge.connection")
    private var unwrittenBytes = 0
    private var readingPaused = false
    private static let pauseAbove = 8 << 20
    private static let resumeBelow = 1 << 20

    init(shared: Shared, source: SocketAddress?) {
        self.shared = shared
        configuration = shared.configuration.current
        self.source = source?.ipAddress ?? "unknown"
        let listener = shared.listener
        let allowListed = source.map { address in listener.relayWithoutAuth.contains { $0.contains(address) } } ?? false
        framer = SMTPServerFramer(maximumMessageSize: configuration.limits.maxMessageSize)
        machine = SMTPServerStateMachine(policy: .init(
            hostname: configuration.hostname, maximumMessageSize: configuration.limits.maxMessageSize, maximumRecipients: configuration.limits.maxRecipients,
            startTLSAvailable: listener.tls == .starttls && shared.sslContext != nil, implicitTLS: listener.tls == .implicit,
            plaintextAuthAllowed: listener.trustedLANPlain, clientAllowListed: allowListed))
    }

    func channelActive(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress
        let listener = shared.listener
        // Sources outside the allow-list (loopback only when none is given) are turned away.
        let permitted = address.map { a in
            listener.allow.isEmpty ? (a.ipAddress.map(Loopback.contains) ?? false) : listener.allow.contains { $0.contains(a) }
        } ?? false
        guard permitted else {
            shared.metrics.count("rejected")
            shared.log.event("warning", "connection-refused", ["client": source, "listener": listener.name, "reason": "not in the allow list"])
            write("554 5.7.1 Connections from your address are not accepted", context: context)
            close(context: context)
            return
        }
        guard shared.admission.openConnection(source: source, limits: configuration.limits) else {
            shared.metrics.count("rejected")
            write("421 4.7.0 Too many connections, try again later", context: context)
            close(context: context)
            return
        }
        admitted = true
        shared.metrics.connectionOpened()
        write(machine.greeting, context: context)
        armIdleTimer(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        discardIncoming()
        if admitted {
            shared.admission.closeConnection(source: source)
            shared.metrics.connectionClosed()
            admitted = false
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        let buffer = unwrapInboundIn(data)
        framer.append(buffer.readableBytesView)
        armIdleTimer(context: context)
        process(context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        shared.log.event("debug", "connection-error", ["client": source, "error": "\(error)"])
        context.close(promise: nil)
    }

    private func process(context: ChannelHandlerContext) {
        while !paused && !closing, let frame = framer.next() {
            switch frame {
            case .command(let line):
                perform(machine.command(line), context: context)
            case .commandTooLong:
                perform(machine.commandTooLong(), context: context)
            case .data(let chunk):
                write(chunk, context: context)
            case .messageEnd(let tail, let oversized, let lineTooLong):
                write(tail, context: context)
                perform(machine.messageReceived(oversized: oversized, lineTooLong: lineTooLong), context: context)
            }
        }
        if !paused && !closing { context.flush() }
    }

    private func perform(_ action: SMTPServerStateMachine.Action, context: ChannelHandlerContext) {
        switch action {
        case .reply(let text):
            if text.hasPrefix("5") || text.hasPrefix("4") { shared.metrics.count("rejected") }
            write(text, context: context, flush: false)
        case .replyAndStartTLS(let text):
            write(text, context: context)
            // RFC 3207 §6: plaintext the client sent before the handshake is discarded.
            framer.discardBufferedInput()
            if let ssl = shared.sslContext {
                try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: ssl), position: .first)
            }
        case .replyAndReadData(let text, let transaction):
            beginMessage(transaction, reply: text, context: context)
        case .replyAndReadAuthLine(let text):
            write(text, context: context)
            framer.mode = .authLine
        case .verifyCredentials(let user, let password):
            verify(user: user, password: password, context: context)
        case .verifySender(let address):
            perform(machine.senderChecked(senderDecision(address)), context: context)
        case .commit:
            commit(context: context)
        case .discardAndReply(let text):
            discardIncoming()
            shared.metrics.count("rejected")
            write(text, context: context, flush: false)
        case .replyAndClose(let text):
            write(text, context: context)
            close(context: context)
        }
    }

    private func senderDecision(_ address: String) -> SMTPServerStateMachine.SenderDecision {
        let allowed: Bool
        if let name = machine.account {
            let senders = configuration.accounts.first { $0.name == name }?.senders ?? []
            allowed = BridgeConfiguration.sender(address, matches: senders)
        } else {
            allowed = BridgeConfiguration.sender(address, matches: shared.listener.relaySenders)
        }
        guard allowed else { return .notAllowed }
        return shared.admission.admitMessage(source: source, limits: configuration.limits) ? .allowed : .rateLimited
    }

    private func verify(user: String, password: String, context: ChannelHandlerContext) {
        let limits = configuration.limits
        if shared.admission.isLockedOut(source: source, user: user, limits: limits) {
            shared.metrics.count("auth_failures")
            shared.log.event("warning", "auth-locked-out", ["client": source, "user": user])
            perform(machine.credentialsChecked(.lockedOut), context: context)
            return
        }
        paused = true
        let accounts = configuration.accounts
        let verifier = shared.verifier
        let future = NIOThreadPool.singleton.runIfActive(eventLoop: context.eventLoop) {
            verifier.verify(user: user, password: password, accounts: accounts)
        }
        future.assumeIsolated().whenComplete { [self] result in
            paused = false
            let account = (try? result.get()) ?? nil
            if let account {
                shared.admission.recordSuccess(source: source, user: user)
                perform(machine.credentialsChecked(.accepted(account: account)), context: context)
            } else {
                shared.metrics.count("auth_failures")
                shared.admission.recordFailure(source: source, user: user, limits: limits)
                shared.log.event("warning", "auth-failed", ["client": source, "user": user])
                let locked = shared.admission.isLockedOut(source: source, user: user, limits: limits)
                perform(machine.credentialsChecked(locked ? .lockedOut : .rejected), context: context)
            }
            process(context: context)
        }
    }

    /// DATA accepted: refuse at once when no route would take the message; otherwise open its
    /// spool file and switch the framer to message content.
    private func beginMessage(_ transaction: SMTPServerStateMachine.Transaction, reply: String, context: ChannelHandlerContext) {
        guard configuration.route(from: transaction.from, recipients: transaction.recipients) != nil else {
            shared.metrics.count("rejected")
            perform(machine.dataRefused("554 5.7.1 No route for this sender and these recipients"), context: context)
            return
        }
        guard shared.spool.hasRoom(for: configuration.limits.maxMessageSize, reserve: configuration.limits.minimumFreeSpace) else {
            shared.metrics.count("rejected")
            shared.log.event("error", "spool-full", ["spool": shared.spool.root, "reserve": configuration.limits.minimumFreeSpace])
            perform(machine.dataRefused("452 4.3.1 Insufficient system storage, try again later"), context: context)
            return
        }
        let envelope = Envelope(id: Envelope.newID(), from: transaction.from, recipients: transaction.recipients, account: transaction.account,
                                client: source, heloName: transaction.heloName, listener: shared.listener.name, acceptedAt: Date(), size: 0)
        do {
            incoming = try shared.spool.begin(envelope)
        } catch {
            shared.log.event("error", "spool-open-failed", ["error": "\(error)"])
            perform(machine.dataRefused("451 4.3.0 Could not queue the message, try again later"), context: context)
            return
        }
        write(reply, context: context, flush: false)
        framer.mode = .data
    }

    /// Hands content to the connection's writer queue; pauses reading while too much waits.
    private func write(_ chunk: [UInt8], context: ChannelHandlerContext) {
        guard let message = incoming, !chunk.isEmpty else { return }
        unwrittenBytes += chunk.count
        if unwrittenBytes > Self.pauseAbove && !readingPaused {
            readingPaused = true
            context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
        }
        let done = context.eventLoop.makePromise(of: Void.self)
        writer.async {
            message.append(chunk)
            done.succeed()
        }
        done.futureResult.assumeIsolated().whenComplete { [self] _ in
            unwrittenBytes -= chunk.count
            if readingPaused && unwrittenBytes < Self.resumeBelow {
                readingPaused = false
                context.channel.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in }
                context.read()
            }
        }
    }

    private func discardIncoming() {
        guard let message = incoming else { return }
        incoming = nil
        writer.async { message.discard() }
    }

    private func commit(context: ChannelHandlerContext) {
        guard let message = incoming else {
            perform(machine.committed(id: nil), context: context)
            return
        }
        incoming = nil
        paused = true
        let spool = shared.spool
        let done = context.eventLoop.makePromise(of: Envelope.self)
        writer.async {
            do { done.succeed(try spool.commit(message)) } catch { done.fail(error) }
        }
        done.futureResult.assumeIsolated().whenComplete { [self] result in
            paused = false
            switch result {
            case .success(let envelope):
                shared.metrics.count("accepted")
                shared.log.message("accepted", id: envelope.id, ["from": envelope.from, "recipients": envelope.recipients, "size": envelope.size,
                                                                 "client": source, "account": envelope.account ?? ""])
                let scheduler = shared.scheduler
                Task { await scheduler.enqueue(envelope) }
                perform(machine.committed(id: envelope.id), context: context)
            case .failure(let error):
                shared.log.event("error", "spool-commit-failed", ["error": "\(error)"])
                perform(machine.committed(id: nil), context: context)
            }
            process(context: context)
        }
    }

    private func write(_ text: String, context: ChannelHandlerContext, flush: Bool = true) {
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count + 2)
        buffer.writeString(text)
        buffer.writeStaticString("\r\n")
        if flush { context.writeAndFlush(wrapOutboundOut(buffer), promise: nil) } else { context.write(wrapOutboundOut(buffer), promise: nil) }
    }

    private func close(context: ChannelHandlerContext) {
        closing = true
        idleTimer?.cancel()
        context.flush()
        context.close(promise: nil)
    }

    private func armIdleTimer(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        let seconds = configuration.limits.idleTimeoutSeconds
        idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(seconds * 1000))) { [self] in
            guard !closing else { return }
            shared.log.event("info", "idle-timeout", ["client": source])
            write(machine.timeoutReply, context: context)
            close(context: context)
        }
    }
}
