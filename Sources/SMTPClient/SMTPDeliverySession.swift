import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import OAuth
import SMTP
import Transport

/// One SMTP session to an upstream that carries several messages (RFC 5321 §4.1.1.5: RSET
/// between them), driven by `SMTPDeliveryStateMachine`. Opened with the probe's opening (TLS,
/// EHLO, AUTH) and the probe's connect-failure wording; never throws: a failure is a result.
public final class SMTPDeliverySession: Sendable {
    /// Why the session could not be opened, as the probe would report that stage.
    public struct OpenFailure: Error, Sendable {
        public let stage: StageResult
    }

    private let channel: Channel
    private let handler: SMTPDeliveryHandler
    public let openedAt: Date

    private init(channel: Channel, handler: SMTPDeliveryHandler) {
        self.channel = channel
        self.handler = handler
        openedAt = Date()
    }

    /// Connects and opens the session (greeting, EHLO, STARTTLS, AUTH as the plan says).
    /// - Parameters:
    ///   - timeout: for the connection and each reply.
    ///   - dataTerminationTimeout: for the reply to the final "." (RFC 5321 §4.5.3.2.6).
    ///   - tlsContext: the shared client context (`ClientTLS`); nil only for `tls: none`.
    public static func open(
        host: String, port: Int, plan: SMTPClientPlan, timeout: TimeAmount, dataTerminationTimeout: TimeAmount,
        tlsContext: NIOSSLContext?
    ) async -> Result<SMTPDeliverySession, OpenFailure> {
        let makeTLS = SMTPClientPipeline.tlsMaker(host: host, context: tlsContext)
        let opened = MultiThreadedEventLoopGroup.singleton.any().makePromise(of: Void.self)
        let handler = SMTPDeliveryHandler(
            plan: plan, timeout: timeout, dataTerminationTimeout: max(timeout, dataTerminationTimeout), opened: opened,
            makeTLSHandler: makeTLS)
        let bootstrap = SMTPClientPipeline.bootstrap(timeout: timeout, tls: plan.tls, makeTLS: makeTLS) { handler }
        let channel: Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            opened.fail(ChannelError.ioOnClosedChannel)
            let (timedOut, detail) = ConnectFailure.describe(error, host: host, port: port)
            return .failure(OpenFailure(stage: StageResult(stage: .connect, status: timedOut ? .timedOut : .unreachable, detail: detail)))
        }
        do {
            try await opened.futureResult.get()
            return .success(SMTPDeliverySession(channel: channel, handler: handler))
        } catch let failure as OpenFailure {
            channel.close(promise: nil)
            return .failure(failure)
        } catch {
            channel.close(promise: nil)
            return .failure(OpenFailure(stage: StageResult(stage: .connect, status: .protocolError, detail: "\(error)")))
        }
    }

    /// Runs one transaction. Nil when nothing of it reached the server (the session had been
    /// closed by the server, or broke before MAIL): the caller may try it on a new session.
    public func deliver(_ transaction: SMTPTransaction) async -> (results: [RecipientResult], reusable: Bool)? {
        let promise = channel.eventLoop.makePromise(of: SMTPDeliveryHandler.Completion.self)
        let handler = self.handler
        channel.eventLoop.execute { handler.begin(transaction, promise: promise) }
        guard let completion = try? await promise.futureResult.get(), completion.started else { return nil }
        return (completion.results, completion.reusable)
    }

    /// QUIT and close; returns when the connection is closed.
    public func close() async {
        let handler = self.handler
        channel.eventLoop.execute { handler.quit() }
        try? await channel.closeFuture.get()
    }
}

/// The thin part: replies into the machine, its actions onto the wire, a timer per command.
/// All its state is touched on its channel's event loop only (hence `@unchecked Sendable`:
/// the session hands it work with `eventLoop.execute`).
final class SMTPDeliveryHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = SMTPResponse
    typealias OutboundOut = SMTPCommand

    struct Completion: Sendable {
        var results: [RecipientResult]
        var reusable: Bool
        var started: Bool
    }

    private var machine: SMTPDeliveryStateMachine
    private let timeout: TimeAmount
    private let dataTerminationTimeout: TimeAmount
    private let makeTLSHandler: @Sendable () throws -> NIOSSLClientHandler
    private var opened: EventLoopPromise<Void>?
    private var pending: EventLoopPromise<Completion>?
    private var context: ChannelHandlerContext?
    private var timer: Scheduled<Void>?

    init(
        plan: SMTPClientPlan, timeout: TimeAmount, dataTerminationTimeout: TimeAmount, opened: EventLoopPromise<Void>,
        makeTLSHandler: @escaping @Sendable () throws -> NIOSSLClientHandler
    ) {
        machine = SMTPDeliveryStateMachine(plan: plan)
        self.timeout = timeout
        self.dataTerminationTimeout = dataTerminationTimeout
        self.opened = opened
        self.makeTLSHandler = makeTLSHandler
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelActive(context: ChannelHandlerContext) {
        arm()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        perform(machine.replyReceived(unwrapInboundIn(data)))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { perform(machine.tlsEstablished()) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let protocolError = error as? SMTPProtocolError {
            perform(machine.protocolError(protocolError))
        } else if error is NIOSSLError || error is BoringSSLError {
            perform(machine.tlsFailed("TLS failed: \(error)"))
        } else {
            perform(machine.connectionClosed())
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        perform(machine.connectionClosed())
        timer?.cancel()
        failOpening()
        // A transaction the machine had not started yet cannot be pending here; be safe anyway.
        pending?.succeed(Completion(results: [], reusable: false, started: false))
        pending = nil
        context.fireChannelInactive()
    }

    func begin(_ transaction: SMTPTransaction, promise: EventLoopPromise<Completion>) {
        guard context != nil, pending == nil else {
            promise.succeed(Completion(results: [], reusable: false, started: false))
            return
        }
        pending = promise
        perform(machine.begin(transaction))
    }

    func quit() {
        guard context != nil else { return }
        perform(machine.quit())
    }

    private func perform(_ action: SMTPDeliveryStateMachine.Action) {
        timer?.cancel()
        timer = nil
        guard let context else { return }
        switch action {
        case .none:
            if opened != nil || pending != nil { arm() }
        case .send(let command):
            context.writeAndFlush(wrapOutboundOut(command), promise: nil)
            arm()
        case .startTLS:
            do {
                try context.pipeline.syncOperations.addHandler(makeTLSHandler(), position: .first)
                arm()
            } catch {
                perform(machine.tlsFailed("could not start TLS: \(error)"))
            }
        case .opened:
            opened?.succeed(())
            opened = nil
        case .completed(let results):
            let started = machine.transactionStarted
            pending?.succeed(Completion(results: results, reusable: machine.isIdle, started: started))
            pending = nil
            if !machine.isIdle { perform(machine.quit()) }
        case .close:
            failOpening()
            context.close(promise: nil)
        }
    }

    private func failOpening() {
        guard let opened else { return }
        self.opened = nil
        let stage = machine.openFailure ?? StageResult(stage: .connect, status: .protocolError, detail: "the server closed the connection")
        opened.fail(SMTPDeliverySession.OpenFailure(stage: stage))
    }

    private func arm() {
        let wait = machine.awaitingDataTermination ? dataTerminationTimeout : timeout
        let seconds = Double(wait.nanoseconds) / 1e9
        guard let loop = context?.eventLoop else { return }
        timer = loop.assumeIsolated().scheduleTask(in: wait) { [weak self] in
            guard let self else { return }
            self.perform(self.machine.timedOut(after: seconds))
        }
    }
}
