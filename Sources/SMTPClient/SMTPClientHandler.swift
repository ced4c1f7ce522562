import NIOCore
import NIOSSL
import NIOTLS
import SMTP

/// The thin part: moves replies into the state machine and performs its actions (write, start
/// TLS, close), arms the per-stage timer, and writes the transcript. No protocol decisions here.
final class SMTPClientHandler: ChannelInboundHandler {
    typealias InboundIn = SMTPResponse
    typealias OutboundOut = SMTPCommand

    struct Result: Sendable {
        var outcome: ProbeOutcome
        var transcript: Transcript
    }

    private var machine: SMTPClientStateMachine
    private var transcript: Transcript
    private let promise: EventLoopPromise<Result>
    private let timeout: TimeAmount
    private let dataTerminationTimeout: TimeAmount
    private let makeTLSHandler: () throws -> NIOSSLClientHandler
    /// One plain sentence for a TLS failure (`TLSFailure`); the library's text goes to the transcript.
    private let describeTLSFailure: (Error) -> String
    /// After the handshake: a sentence when the certificate does not name --tls-server-name.
    private let checkServerName: () -> String?
    private var timer: Scheduled<Void>?
    private var reportedFailures = 0
    private var completed = false

    init(
        plan: SMTPClientPlan, transcript: Transcript, timeout: TimeAmount, dataTerminationTimeout: TimeAmount,
        promise: EventLoopPromise<Result>,
        makeTLSHandler: @escaping () throws -> NIOSSLClientHandler, describeTLSFailure: @escaping (Error) -> String,
        checkServerName: @escaping () -> String? = { nil }
    ) {
        machine = SMTPClientStateMachine(plan: plan)
        self.transcript = transcript
        self.timeout = timeout
        self.dataTerminationTimeout = max(timeout, dataTerminationTimeout)
        self.promise = promise
        self.makeTLSHandler = makeTLSHandler
        self.describeTLSFailure = describeTLSFailure
        self.checkServerName = checkServerName
    }

    func channelActive(context: ChannelHandlerContext) {
        if let remote = context.channel.remoteAddress { transcript.append(.info, "connected to \(remote)") }
        arm(context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        for line in reply.wireLines { transcript.append(machine.tlsActive ? .tlsReceived : .received, line) }
        perform(machine.replyReceived(reply), context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            if let mismatch = checkServerName() {
                perform(machine.tlsFailed(mismatch), context: context)
                context.fireUserInboundEventTriggered(event)
                return
            }
            transcript.append(.info, "TLS started")
            context.channel.nioSSL_tlsVersion().assumeIsolated().whenSuccess { [weak self] v in
                if let v { self?.transcript.append(.info, "TLS version \(v)") }
            }
            perform(machine.tlsEstablished(), context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let protocolError = error as? SMTPProtocolError {
            perform(machine.protocolError(protocolError), context: context)
        } else if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            transcript.append(.info, "TLS library: \(error)")
            perform(machine.tlsFailed(describeTLSFailure(error)), context: context)
        } else {
            transcript.append(.error, "connection error: \(error)")
            perform(machine.connectionClosed(), context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        perform(machine.connectionClosed(), context: context)
        complete()
        context.fireChannelInactive()
    }

    private func perform(_ action: SMTPClientStateMachine.Action, context: ChannelHandlerContext) {
        for note in machine.notes { transcript.append(.info, note) }
        reportFailures()
        timer?.cancel()
        timer = nil
        switch action {
        case .none:
            if !machine.isFinished { arm(context: context) }
        case .send(let command):
            for line in command.transcriptLines { transcript.append(machine.tlsActive ? .tlsSent : .sent, line) }
            context.writeAndFlush(wrapOutboundOut(command), promise: nil)
            arm(context: context)
        case .startTLS:
            do {
                try context.pipeline.syncOperations.addHandler(makeTLSHandler(), position: .first)
                arm(context: context)
            } catch {
                perform(machine.tlsFailed("could not start TLS: \(error)"), context: context)
            }
        case .finish, .sessionOpen:
            // A probe never hands its session over; if its plan asks for that, it ends here.
            complete()
            context.close(promise: nil)
        }
    }

    private func reportFailures() {
        let failures = machine.outcome.stages.filter { $0.status != .passed }
        while reportedFailures < failures.count {
            let f = failures[reportedFailures]
            transcript.append(.error, "\(f.stage.rawValue): \(f.detail ?? f.status.rawValue)")
            reportedFailures += 1
        }
    }

    private func arm(context: ChannelHandlerContext) {
        let wait = machine.awaitingDataTermination ? dataTerminationTimeout : timeout
        let seconds = Double(wait.nanoseconds) / 1e9
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: wait) { [weak self] in
            guard let self else { return }
            self.perform(self.machine.timedOut(after: seconds), context: context)
        }
    }

    private func complete() {
        guard !completed else { return }
        completed = true
        timer?.cancel()
        promise.succeed(Result(outcome: machine.outcome, transcript: transcript))
    }
}
