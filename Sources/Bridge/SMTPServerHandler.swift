import AuthShiftCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import SMTP

/// The thin part of the inbound server: feeds bytes to the framer and frames to the state
/// machine, performs the machine's actions (reply, start TLS, check a password off the event
/// loop, stream the message into the spool and commit it on this connection's own serial
/// queue, close), and enforces the idle limit. While a check or a commit runs, later
/// pipelined commands wait in the framer, so replies stay in order. A client that sends faster
/// than the disk writes is paused (reads stop above 8 MiB waiting to be written), and so is a
/// client that pipelines commands without reading the replies: no further command is taken
/// while the channel is not writable (NIO's outbound high-water mark), and reading stops until
/// the replies drain. A session that collects `maxErrorsPerSession` refused commands without
/// a message accepted is closed with 421 (Postfix's `smtpd_hard_error_limit`).
///
/// The idle limit runs from the session's last step forward (`SMTPServerStateMachine.progress`,
/// or message data arriving), not from the last byte: NOOP, RSET and refused commands cannot
/// keep a session open. A reload (SIGHUP) that removes or changes the account a session
/// authenticated as, or takes its source off `relayWithoutAuth`, ends the session with 421 at
/// its next command.
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
    /// The client's address, IPv4-mapped IPv6 written as IPv4 (`::ffff:10.0.0.5` is `10.0.0.5`).
    private var source = "unknown"
    private let sourceAddress: IPAddress?
    /// Who AUTH failures are counted against (an IPv6 client by its /64).
    private var authSource: String { sourceAddress.map(AdmissionControl.lockoutSource) ?? source }
    /// This listener's settings as of the connection's start (allow-lists reload on SIGHUP).
    private let listener: BridgeConfiguration.Listener
    /// Admission, sender authorisation and lock-out for this session, decided in one place.
    private let policy: SubmissionPolicy
    /// The account as it was when the session authenticated, to notice a reload that changes it.
    private var authenticatedAccount: BridgeConfiguration.Account?
    private var progressSeen = 0
    /// A route the message being received may reach checks its header From.
    private var checkHeaderFrom = false
    private var admitted = false
    /// The running listener's name is no longer in the configuration.
    private let listenerRemoved: Bool
    private var paused = false
    private var closing = false
    private var idleTimer: Scheduled<Void>?
    /// The message being received and the queue that writes it, in order, off the event loop.
    private var incoming: IncomingMessage?
    private let writer = DispatchQueue(label: "authshift.bridge.connection")
    private var unwrittenBytes = 0
    private var readingPaused = false
    /// Replies wait unsent above the channel's high-water mark: no command is taken until they drain.
    private var repliesBacklogged = false
    private var autoReadOn = true
    /// 4xx/5xx replies since the last accepted message.
    private var refusedCommands = 0
    private static let pauseAbove = 8 << 20
    private static let resumeBelow = 1 << 20

    init(shared: Shared, source: SocketAddress?) {
        self.shared = shared
        configuration = shared.configuration.current
        sourceAddress = source.flatMap(IPAddress.init)
        self.source = sourceAddress?.description ?? "unknown"
        // A reload that renamed or removed this listener leaves no policy for it: refuse (below).
        let current = configuration.listener(named: shared.listener.name)
        listenerRemoved = current == nil
        let listener = current ?? shared.listener
        self.listener = listener
        policy = SubmissionPolicy(listener: listener, limits: configuration.limits, admission: shared.admission)
        let allowListed = policy.relaysWithoutAuth(sourceAddress)
        framer = SMTPServerFramer(maximumMessageSize: configuration.limits.maxMessageSize, bareLineEndings: listener.bareLineEndings)
        machine = SMTPServerStateMachine(
            policy: .init(
                hostname: configuration.hostname, maximumMessageSize: configuration.limits.maxMessageSize,
                maximumRecipients: configuration.limits.maxRecipients,
                // TLS and plain AUTH are the bound listener's (a change to them needs a restart).
                startTLSAvailable: shared.listener.tls == .starttls && shared.sslContext != nil,
                implicitTLS: shared.listener.tls == .implicit,
                plaintextAuthAllowed: shared.listener.trustedLANPlain, clientAllowListed: allowListed))
    }

    func channelActive(context: ChannelHandlerContext) {
        guard !listenerRemoved else {
            shared.metrics.count("rejected")
            shared.log.event(
                "warning", "connection-refused",
                [
                    "client": source, "listener": shared.listener.name,
                    "reason": "the listener was renamed or removed by a reload; restart the bridge",
                ])
            write(.listenerRemoved(configuration.hostname), context: context)
            close(context: context)
            return
        }
        // Sources outside the allow-list (loopback only when none is given) are turned away.
        guard policy.admitsConnection(from: sourceAddress) else {
            shared.metrics.count("rejected")
            shared.log.event(
                "warning", "connection-refused", ["client": source, "listener": listener.name, "reason": "not in the allow list"])
            write(.sourceNotAllowed, context: context)
            close(context: context)
            return
        }
        guard shared.admission.openConnection(source: source, limits: configuration.limits) else {
            shared.metrics.count("rejected")
            write(.tooManyConnections, context: context)
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
        // Message content arriving is progress (a slow link sending a large scan is not idle).
        if framer.mode == .data { armIdleTimer(context: context) }
        framer.append(buffer.readableBytesView)
        process(context: context)
    }

    /// The client read its replies: take the commands that waited and read again.
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if repliesBacklogged && context.channel.isWritable {
            repliesBacklogged = false
            updateReading(context: context)
            process(context: context)
        }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        shared.log.event("debug", "connection-error", ["client": source, "error": "\(error)"])
        context.close(promise: nil)
    }

    private func process(context: ChannelHandlerContext) {
        while !paused && !closing {
            guard context.channel.isWritable else {
                repliesBacklogged = true
                updateReading(context: context)
                break
            }
            guard let frame = framer.next() else { break }
            switch frame {
            case .command(let line):
                guard !revoked(context: context) else { return }
                // During an AUTH exchange the line is a SASL response, otherwise a command.
                let command = machine.expectsAuthResponse ? .success(.saslResponse(line)) : SMTPCommand.parse(line)
                perform(machine.command(command), context: context)
            case .commandTooLong:
                guard !revoked(context: context) else { return }
                perform(machine.commandTooLong(), context: context)
            case .data(let chunk):
                write(chunk, context: context)
            case .messageEnd(let tail, let oversized, let headerFrom):
                // A message that ends after its account was revoked is not queued.
                guard !revoked(context: context) else { return }
                write(tail, context: context)
                perform(machine.messageReceived(oversized: oversized, headerFrom: headerFrom), context: context)
            case .bareLineEnding:
                shared.log.event(
                    "warning", "bare-line-ending", ["client": source, "listener": listener.name, "account": machine.account ?? ""])
                perform(machine.bareLineEnding(), context: context)
            }
            noteProgress(context: context)
        }
        noteProgress(context: context)
        if (!paused || repliesBacklogged) && !closing { context.flush() }
    }

    /// Reads stop while message content waits for the disk or replies wait for the client.
    private func updateReading(context: ChannelHandlerContext) {
        let wanted = !readingPaused && !repliesBacklogged
        guard wanted != autoReadOn else { return }
        autoReadOn = wanted
        context.channel.setOption(ChannelOptions.autoRead, value: wanted).whenComplete { _ in }
        if wanted { context.read() }
    }

    /// Counts a refused command (a 4yz or 5yz reply); at `maxErrorsPerSession` the session ends with 421.
    private func countRefusal(_ reply: SMTPServerReply, context: ChannelHandlerContext) {
        guard reply.isRefusal else { return }
        shared.metrics.count("rejected")
        refusedCommands += 1
        guard refusedCommands >= configuration.limits.maxErrorsPerSession, !closing else { return }
        shared.log.event("warning", "too-many-errors", ["client": source, "listener": listener.name, "errors": refusedCommands])
        write(.tooManyErrors(configuration.hostname), context: context)
        close(context: context)
    }

    /// The idle limit restarts only when the session moved forward.
    private func noteProgress(context: ChannelHandlerContext) {
        guard machine.progress != progressSeen, !closing else { return }
        progressSeen = machine.progress
        armIdleTimer(context: context)
    }

    private func perform(_ action: SMTPServerStateMachine.Action, context: ChannelHandlerContext) {
        switch action {
        case .reply(let reply):
            write(reply, context: context, flush: false)
            countRefusal(reply, context: context)
        case .replyAndStartTLS(let reply):
            write(reply, context: context)
            // RFC 3207 §6: plaintext the client sent before the handshake is discarded.
            framer.discardBufferedInput()
            if let ssl = shared.sslContext {
                try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: ssl), position: .first)
            }
        case .replyAndReadData(let reply, let transaction):
            beginMessage(transaction, reply: reply, context: context)
        case .replyAndReadAuthLine(let reply):
            write(reply, context: context)
            framer.mode = .authLine
        case .verifyCredentials(let user, let password):
            verify(user: user, password: password, context: context)
        case .verifySender(let address):
            perform(machine.senderChecked(senderDecision(address)), context: context)
        case .verifyHeaderFrom(let field):
            perform(machine.headerFromChecked(headerFromDecision(field)), context: context)
        case .commit:
            commit(context: context)
        case .discardAndReply(let reply):
            discardIncoming()
            write(reply, context: context, flush: false)
            countRefusal(reply, context: context)
        case .replyAndClose(let reply):
            write(reply, context: context)
            close(context: context)
        case .discardAndClose(let reply):
            discardIncoming()
            shared.metrics.count("rejected")
            write(reply, context: context)
            close(context: context)
        }
    }

    /// A reload took away what this session relies on: its account was removed or changed
    /// (password, senders), or its source is no longer allowed to relay without AUTH. Then the
    /// session ends with 421 before its next command is read (RFC 5321 section 3.8).
    private func revoked(context: ChannelHandlerContext) -> Bool {
        guard
            let reason = policy.revocation(
                now: shared.configuration.current, source: sourceAddress, account: authenticatedAccount,
                authenticated: machine.isAuthenticated)
        else { return false }
        shared.log.event("warning", "session-revoked", ["client": source, "listener": listener.name, "reason": reason])
        discardIncoming()
        write(.authorizationChanged(configuration.hostname), context: context)
        close(context: context)
        return true
    }

    /// The senders this session may use: its account's, or the listener's relay senders.
    private var senderPatterns: [SenderPattern] {
        policy.senderPatterns(account: authenticatedAccount, authenticated: machine.isAuthenticated)
    }

    private func senderDecision(_ address: MailboxAddress?) -> SMTPServerStateMachine.SenderDecision {
        policy.senderDecision(address, patterns: senderPatterns, source: source)
    }

    /// Only routes with `checkHeaderFrom` check the header From; a forged author is logged.
    private func headerFromDecision(_ field: HeaderFrom) -> SMTPServerStateMachine.HeaderFromDecision {
        guard checkHeaderFrom else { return .allowed }
        let decision = policy.headerFromDecision(field, patterns: senderPatterns)
        if case .notAllowed(let forged) = decision {
            shared.log.event(
                "warning", "header-from-refused", ["client": source, "account": machine.account ?? "", "from": forged.description])
        }
        return decision
    }

    /// Checks a password: locked-out sources are refused first; a password already verified
    /// in this run is answered from memory; otherwise a check is reserved with the admission
    /// control (counted as a failure until it succeeds, bounded in flight) and run off the loop.
    private func verify(user: String, password: String, context: ChannelHandlerContext) {
        let limits = configuration.limits
        // The accounts in force now, not at the connection's start: a reload may have removed one.
        let accounts = shared.configuration.current.accounts
        if let lockout = policy.lockout(source: authSource, user: user) {
            refuseLockedOut(lockout, user: user, context: context)
            return
        }
        if let account = shared.verifier.cachedAccount(user: user, password: password, accounts: accounts) {
            shared.admission.recordSuccess(source: authSource, user: user)
            authenticated(as: account, accounts: accounts, context: context)
            return
        }
        let attempt: AdmissionControl.AuthAttempt
        switch shared.admission.beginAttempt(source: authSource, user: user, limits: limits) {
        case .lockedOut(let lockout):
            refuseLockedOut(lockout, user: user, context: context)
            return
        case .busy:
            shared.log.event(
                "warning", "auth-busy",
                [
                    "client": source, "user": loggedUser(user),
                    "reason": "too many password checks in flight from this source or in total",
                ])
            perform(machine.credentialsChecked(.busy), context: context)
            return
        case .proceed(let reserved):
            attempt = reserved
        }
        paused = true
        // The password check's time is the bridge's, not the client's idleness.
        idleTimer?.cancel()
        let verifier = shared.verifier
        let future = NIOThreadPool.singleton.runIfActive(eventLoop: context.eventLoop) {
            verifier.verify(user: user, password: password, accounts: accounts)
        }
        future.assumeIsolated().whenComplete { [self] result in
            paused = false
            if !closing { armIdleTimer(context: context) }
            let account = (try? result.get()) ?? nil
            let accountLockedUntil = shared.admission.finishAttempt(attempt, succeeded: account != nil, limits: limits)
            if let account {
                if let until = shared.admission.accountLockEnd(user: user) {
                    shared.log.event(
                        "warning", "account-lock-passed",
                        [
                            "client": source, "user": account, "locked-until": Timestamp(until).iso8601WithMilliseconds,
                            "reason": "right password from a source without recent failures",
                        ])
                }
                authenticated(as: account, accounts: accounts, context: context)
            } else {
                shared.metrics.count("auth_failures")
                if let until = accountLockedUntil {
                    shared.log.event(
                        "warning", "account-locked",
                        [
                            "user": loggedUser(user), "seconds": Int(until.timeIntervalSinceNow.rounded()),
                            "sources": limits.accountLockoutSources,
                            "reason": "failed AUTH from \(limits.accountLockoutSources) or more sources within \(limits.lockoutSeconds) s",
                        ])
                }
                shared.log.event("warning", "auth-failed", ["client": source, "user": loggedUser(user)])
                let locked = shared.admission.isLockedOut(source: authSource, user: user, limits: limits)
                perform(machine.credentialsChecked(locked ? .lockedOut : .rejected), context: context)
            }
            process(context: context)
        }
    }

    private func authenticated(as account: String, accounts: [BridgeConfiguration.Account], context: ChannelHandlerContext) {
        authenticatedAccount = accounts.first { $0.name == account }
        perform(machine.credentialsChecked(.accepted(account: account)), context: context)
    }

    private func refuseLockedOut(_ lockout: AdmissionControl.Lockout, user: String, context: ChannelHandlerContext) {
        shared.metrics.count("auth_failures")
        let by: String
        switch lockout {
        case .source: by = "source"
        case .account: by = "account"
        }
        shared.log.event("warning", "auth-locked-out", ["client": source, "user": loggedUser(user), "locked": by])
        perform(machine.credentialsChecked(.lockedOut), context: context)
    }

    /// The AUTH user name as logged: a configured account's name as is; anything else masked,
    /// because a device that swaps the AUTH LOGIN prompts, or puts its password in the PLAIN
    /// authorization identity, sends its password as the user name.
    private func loggedUser(_ user: String) -> String {
        Self.loggedUser(user, accounts: shared.configuration.current.accounts)
    }

    static func loggedUser(_ user: String, accounts: [BridgeConfiguration.Account]) -> String {
        accounts.contains { $0.name.lowercased() == user.lowercased() } ? user : "(not an account, \(user.count) characters, masked)"
    }

    /// DATA accepted: refuse at once when no route would take the message; otherwise open its
    /// spool file and switch the framer to message content.
    private func beginMessage(_ transaction: SMTPServerStateMachine.Transaction, reply: SMTPServerReply, context: ChannelHandlerContext) {
        guard let route = configuration.route(from: transaction.from, recipients: transaction.recipients) else {
            perform(machine.dataRefused(.noRoute), context: context)
            return
        }
        guard shared.spool.hasRoom(for: configuration.limits.maxMessageSize, reserve: configuration.limits.minimumFreeSpace) else {
            shared.log.event("error", "spool-full", ["spool": shared.spool.root, "reserve": configuration.limits.minimumFreeSpace])
            perform(machine.dataRefused(.spoolFull), context: context)
            return
        }
        let envelope = Envelope(
            id: Envelope.newID(), from: transaction.from, recipients: transaction.recipients, account: transaction.account,
            client: source, heloName: transaction.heloName, listener: shared.listener.name, acceptedAt: Date(), size: 0)
        do {
            incoming = try shared.spool.begin(envelope)
        } catch {
            shared.log.event("error", "spool-open-failed", ["error": "\(error)"])
            perform(machine.dataRefused(.cannotQueue), context: context)
            return
        }
        checkHeaderFrom = configuration.checksHeaderFrom(route)
        write(reply, context: context, flush: false)
        framer.mode = .data
    }

    /// Hands content to the connection's writer queue; pauses reading while too much waits.
    private func write(_ chunk: [UInt8], context: ChannelHandlerContext) {
        guard let message = incoming, !chunk.isEmpty else { return }
        unwrittenBytes += chunk.count
        if unwrittenBytes > Self.pauseAbove && !readingPaused {
            readingPaused = true
            updateReading(context: context)
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
                updateReading(context: context)
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
                refusedCommands = 0
                shared.metrics.count("accepted")
                shared.log.message(
                    "accepted", id: envelope.id,
                    [
                        "from": envelope.from, "recipients": envelope.recipients, "size": envelope.size,
                        "client": source, "account": envelope.account ?? "",
                    ])
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

    /// Replies are US-ASCII (RFC 5321 section 2.4); anything else is written as "?" rather
    /// than sent to a device that may choke on it.
    private func write(_ reply: SMTPServerReply, context: ChannelHandlerContext, flush: Bool = true) {
        let text = reply.wireText
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count + 2)
        buffer.writeBytes(text.utf8.map { $0 < 128 ? $0 : UInt8(ascii: "?") })
        buffer.writeStaticString("\r\n")
        if flush {
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        } else {
            context.write(wrapOutboundOut(buffer), promise: nil)
        }
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
