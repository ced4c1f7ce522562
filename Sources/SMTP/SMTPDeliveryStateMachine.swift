/// The client side of a relay's delivery session as a value type: events in, actions out, no
/// I/O. Not the probe's machine: a probe stops at the first refusal, a relay carries on per
/// recipient (RFC 5321 §3.3): a refused RCPT concerns that recipient alone, the others still get
/// the message; when every RCPT is refused no DATA is sent. One session carries several
/// transactions, with RSET between them (RFC 5321 §4.1.1.5), so a busy queue does not pay for a
/// connection, a TLS handshake and AUTH per message.
///
/// Opening the session (greeting, EHLO, STARTTLS and EHLO again, AUTH) has the probe's
/// semantics exactly, so it is the probe's machine that does it (`handOverWhenOpen`).
public struct SMTPDeliveryStateMachine: Sendable {
    public enum Action: Sendable, Equatable {
        case none
        case send(SMTPCommand)
        /// Add TLS to the connection now; report `tlsEstablished` or `tlsFailed` when done.
        case startTLS
        /// The session is open and idle: `begin` a transaction or `quit`.
        case opened
        /// The transaction ended, with one result per recipient in the order given. When
        /// `isIdle` the session can take the next one; otherwise `quit` it.
        case completed([RecipientResult])
        /// Close the connection (after QUIT's reply, or when the session is broken).
        case close
    }

    private enum State: Sendable {
        case opening
        case idle
        case resetting
        case awaitingMail
        case awaitingRcpt(index: Int)
        case awaitingDataGo
        case awaitingDataEnd
        case quitting
        /// Broken mid-transaction or refused RSET: nothing more is sent but QUIT.
        case unusable
        case closed
    }

    private var opening: SMTPClientStateMachine
    private var state: State = .opening
    private var transaction: SMTPTransaction?
    /// Per recipient: the RCPT reply that accepted it, or its final result.
    private var accepted: [Int: SMTPResponse] = [:]
    private var decided: [Int: RecipientResult] = [:]
    /// A transaction has run on this session, so the next one starts with RSET.
    private var used = false
    public private(set) var transactionsCompleted = 0
    /// Whether the current (or last) transaction got as far as sending MAIL: when it did not,
    /// nothing of the message reached the server and another session may simply try it again.
    public private(set) var transactionStarted = false

    public init(plan: SMTPClientPlan) {
        var plan = plan
        plan.handOverWhenOpen = true
        plan.quitAfter = .data
        plan.from = nil
        plan.recipients = []
        plan.message = nil
        opening = SMTPClientStateMachine(plan: plan)
    }

    /// Why the session could not be opened (the stage and reply, as the probe reports them).
    public var openFailure: StageResult? { opening.outcome.failure }
    public var capabilities: EHLOCapabilities { opening.outcome.capabilities }
    public var tlsActive: Bool { opening.tlsActive }

    public var isIdle: Bool {
        if case .idle = state { return true }
        return false
    }

    public var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }

    /// Waiting for the answer to the final "." (RFC 5321 §4.5.3.2.6: 10 minutes).
    public var awaitingDataTermination: Bool {
        if case .awaitingDataEnd = state { return true }
        return false
    }

    // MARK: Commands from the owner

    /// Starts a transaction on an idle session. On a session that is not idle, every recipient
    /// is deferred at once (the owner opens a new session and tries again).
    public mutating func begin(_ next: SMTPTransaction) -> Action {
        transactionStarted = false
        guard isIdle else {
            return .completed(
                next.recipients.map {
                    RecipientResult(recipient: $0, status: .deferred, stage: .connect, reply: nil, detail: "the session is not open")
                })
        }
        transaction = next
        accepted = [:]
        decided = [:]
        if next.recipients.isEmpty { return complete() }
        if used {
            state = .resetting
            return .send(.rset)
        }
        state = .awaitingMail
        transactionStarted = true
        return .send(.mail(from: next.from))
    }

    /// Ends the session politely where it can still talk, else closes it.
    public mutating func quit() -> Action {
        switch state {
        case .idle, .unusable:
            state = .quitting
            return .send(.quit)
        default:
            state = .closed
            return .close
        }
    }

    // MARK: Events

    public mutating func replyReceived(_ reply: SMTPResponse) -> Action {
        switch state {
        case .opening:
            return opened(opening.replyReceived(reply))
        case .resetting:
            guard reply.code == 250 else {
                state = .unusable
                return deferAll(stage: .mail, reply: reply, detail: nil)
            }
            state = .awaitingMail
            transactionStarted = true
            return .send(.mail(from: transaction?.from ?? ""))
        case .awaitingMail:
            guard reply.isPositiveCompletion else { return settleAll(stage: .mail, reply: reply) }
            return nextRecipient(from: 0)
        case .awaitingRcpt(let index):
            if reply.code == 250 || reply.code == 251 {
                accepted[index] = reply
            } else {
                let status = RecipientResult.status(of: reply)
                decided[index] = RecipientResult(
                    recipient: recipients[index], status: status == .delivered ? .deferred : status, stage: .rcpt, reply: reply)
            }
            return nextRecipient(from: index + 1)
        case .awaitingDataGo:
            guard reply.code == 354 else { return settleAll(stage: .data, reply: reply) }
            state = .awaitingDataEnd
            return .send(.message(DotStuffing.stuff(transaction?.message ?? [])))
        case .awaitingDataEnd:
            return settleAll(stage: .data, reply: reply)
        case .quitting:
            state = .closed
            return .close
        case .idle:
            // Nothing was asked: a server that talks now is not following the protocol.
            state = .unusable
            return .none
        case .unusable, .closed:
            return .none
        }
    }

    public mutating func tlsEstablished() -> Action {
        guard case .opening = state else {
            state = .unusable
            return .close
        }
        return opened(opening.tlsEstablished())
    }

    public mutating func tlsFailed(_ reason: String) -> Action {
        if case .opening = state { return opened(opening.tlsFailed(reason)) }
        return broken(detail: reason)
    }

    public mutating func timedOut(after seconds: Double) -> Action {
        if case .opening = state { return opened(opening.timedOut(after: seconds)) }
        let text = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        return broken(detail: "no answer within \(text) s")
    }

    public mutating func protocolError(_ error: SMTPProtocolError) -> Action {
        if case .opening = state { return opened(opening.protocolError(error)) }
        return broken(detail: "the server sent \(error)")
    }

    public mutating func connectionClosed() -> Action {
        if case .opening = state { return opened(opening.connectionClosed()) }
        return broken(detail: "the server closed the connection")
    }

    // MARK: Steps

    private var recipients: [String] { transaction?.recipients ?? [] }

    private var currentStage: ProbeStage {
        switch state {
        case .awaitingRcpt: return .rcpt
        case .awaitingDataGo, .awaitingDataEnd: return .data
        default: return .mail
        }
    }

    private mutating func opened(_ action: SMTPClientStateMachine.Action) -> Action {
        switch action {
        case .none: return .none
        case .send(let command): return .send(command)
        case .startTLS: return .startTLS
        case .sessionOpen:
            state = .idle
            return .opened
        case .finish:
            state = .closed
            return .close
        }
    }

    private mutating func nextRecipient(from index: Int) -> Action {
        if index < recipients.count {
            state = .awaitingRcpt(index: index)
            return .send(.rcpt(to: recipients[index]))
        }
        // RFC 5321 §3.3: with no recipient accepted, DATA is not sent.
        guard !accepted.isEmpty else { return complete() }
        state = .awaitingDataGo
        return .send(.data)
    }

    /// A reply that decides every recipient not yet refused at RCPT (MAIL, DATA, end of data).
    private mutating func settleAll(stage: ProbeStage, reply: SMTPResponse) -> Action {
        let status = RecipientResult.status(of: reply)
        for index in recipients.indices where decided[index] == nil {
            // Only the end-of-data reply can deliver; a 2xx elsewhere here is not a delivery.
            let settled = awaitingDataTermination || status != .delivered ? status : .deferred
            decided[index] = RecipientResult(recipient: recipients[index], status: settled, stage: stage, reply: reply)
        }
        return complete()
    }

    /// The session broke in the middle of a transaction: every undecided recipient is deferred.
    private mutating func deferAll(stage: ProbeStage, reply: SMTPResponse?, detail: String?) -> Action {
        for index in recipients.indices where decided[index] == nil {
            decided[index] = RecipientResult(recipient: recipients[index], status: .deferred, stage: stage, reply: reply, detail: detail)
        }
        return complete()
    }

    private mutating func broken(detail: String) -> Action {
        let stage = currentStage
        switch state {
        case .resetting, .awaitingMail, .awaitingRcpt, .awaitingDataGo, .awaitingDataEnd:
            state = .closed
            return deferAll(stage: stage, reply: nil, detail: detail)
        case .quitting, .idle, .unusable:
            state = .closed
            return .close
        case .opening, .closed:
            return .none
        }
    }

    private mutating func complete() -> Action {
        let results = recipients.indices.map {
            decided[$0] ?? RecipientResult(recipient: recipients[$0], status: .deferred, stage: .data, reply: nil, detail: "no reply")
        }
        used = true
        transaction = nil
        transactionsCompleted += 1
        switch state {
        case .unusable, .closed: break
        default: state = .idle
        }
        return .completed(results)
    }
}
