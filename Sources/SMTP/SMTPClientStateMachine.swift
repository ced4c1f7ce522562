/// The client side of an SMTP submission as a value type: events in, actions out, no I/O. The
/// channel handler performs the actions; tests drive the machine with replies directly.
///
/// It does what RFC 5321, RFC 3207 and RFC 4954 require and what simpler clients skip: it
/// reads multi-line EHLO replies, forgets the capabilities after STARTTLS and sends EHLO again
/// (RFC 3207 §4.2), refuses plaintext the server sends between its 220 to STARTTLS and the
/// handshake (RFC 3207 §6), answers every 334 of a SASL exchange (an XOAUTH2 failure arrives as
/// a 334 carrying a JSON error, which the client must acknowledge with an empty line), and
/// dot-stuffs the message. Nothing a peer sends can make it trap: every surprise becomes a
/// stage result.
public struct SMTPClientStateMachine: Sendable {
    public enum Action: Sendable, Equatable {
        case none
        case send(SMTPCommand)
        /// Add TLS to the connection now; report `tlsEstablished` or `tlsFailed` when done.
        case startTLS
        /// The conversation is over: close the connection and report the outcome.
        case finish
        /// The session is open and the plan says to hand it over (`handOverWhenOpen`): the
        /// machine stops here and its owner runs the mail transactions.
        case sessionOpen
    }

    private enum State: Sendable {
        case awaitingGreeting
        case awaitingEHLO
        case awaitingHELO
        case awaitingStartTLSReply
        case handshaking
        case authenticating(responsesSent: Int)
        case awaitingMail
        case awaitingRcpt(index: Int)
        case awaitingDataGo
        case awaitingDataEnd
        case quitting
        case done
    }

    private let plan: SMTPClientPlan
    private var state: State = .awaitingGreeting
    public private(set) var outcome = ProbeOutcome()
    /// The stage a timeout or a closed connection would be blamed on.
    public private(set) var currentStage: ProbeStage
    /// Notes for the transcript (`===` lines): capabilities, decoded challenges.
    public private(set) var notes: [String] = []
    private var connectRecorded = false
    private var tlsRecorded = false

    public init(plan: SMTPClientPlan) {
        self.plan = plan
        currentStage = plan.tls == .implicit ? .tls : .connect
    }

    public var isFinished: Bool {
        if case .done = state { return true }
        return false
    }

    /// Waiting for the answer to the final "." (RFC 5321 §4.5.3.2.6 gives a server 10 minutes:
    /// giving up sooner risks a second copy when the client retries).
    public var awaitingDataTermination: Bool {
        if case .awaitingDataEnd = state { return true }
        return false
    }

    /// Whether the server's data is expected to be encrypted now.
    public var tlsActive: Bool { outcome.tlsActive }

    // MARK: Events

    public mutating func replyReceived(_ reply: SMTPResponse) -> Action {
        notes = []
        switch state {
        case .awaitingGreeting:
            // With implicit TLS nothing can be read before the handshake; if it is, stop without a word.
            if plan.tls == .implicit && !outcome.tlsActive {
                return fail(.protocolError, reply: reply, detail: "the server spoke before the TLS handshake", politely: false)
            }
            guard reply.code == 220 else { return fail(.rejected, reply: reply, detail: "the server did not greet with 220") }
            currentStage = .connect
            state = .awaitingEHLO
            return .send(.ehlo(plan.heloName))
        case .awaitingEHLO:
            if reply.code == 250 { return ehloAccepted(reply) }
            // A server without ESMTP (RFC 5321 §3.2): fall back to HELO, unless TLS or AUTH is needed.
            if (reply.code == 500 || reply.code == 502) && plan.tls != .startTLS && plan.authentication == nil {
                state = .awaitingHELO
                return .send(.helo(plan.heloName))
            }
            return fail(.rejected, reply: reply, detail: "EHLO was refused")
        case .awaitingHELO:
            guard reply.code == 250 else { return fail(.rejected, reply: reply, detail: "HELO was refused") }
            return ehloAccepted(SMTPResponse(code: 250, lines: reply.lines.prefix(1).map { $0 }))
        case .awaitingStartTLSReply:
            guard reply.code == 220 else { return fail(.rejected, reply: reply, detail: "STARTTLS was refused") }
            state = .handshaking
            return .startTLS
        case .handshaking:
            // RFC 3207 §6: anything after the 220 and before the handshake could be injected.
            return fail(
                .protocolError, reply: reply, detail: "the server sent a reply in plaintext after agreeing to STARTTLS (RFC 3207 §6)")
        case .authenticating(let sent):
            return authReply(reply, responsesSent: sent)
        case .awaitingMail:
            guard reply.isPositiveCompletion else { return fail(.rejected, reply: reply, detail: "MAIL FROM was refused") }
            pass(.mail, reply: reply)
            if plan.quitAfter == .mail || plan.recipients.isEmpty { return quit() }
            currentStage = .rcpt
            state = .awaitingRcpt(index: 0)
            return .send(.rcpt(to: plan.recipients[0]))
        case .awaitingRcpt(let index):
            guard reply.code == 250 || reply.code == 251 else {
                return fail(.rejected, reply: reply, detail: "RCPT TO:<\(plan.recipients[index])> was refused")
            }
            if index + 1 < plan.recipients.count {
                state = .awaitingRcpt(index: index + 1)
                return .send(.rcpt(to: plan.recipients[index + 1]))
            }
            pass(.rcpt, reply: reply)
            if plan.quitAfter == .rcpt || plan.message == nil { return quit() }
            currentStage = .data
            state = .awaitingDataGo
            return .send(.data)
        case .awaitingDataGo:
            guard reply.code == 354 else { return fail(.rejected, reply: reply, detail: "DATA was refused") }
            state = .awaitingDataEnd
            return .send(.message(DotStuffing.stuff(plan.message ?? [])))
        case .awaitingDataEnd:
            guard reply.isPositiveCompletion else { return fail(.rejected, reply: reply, detail: "the message was refused") }
            pass(.data, reply: reply)
            return quit()
        case .quitting:
            state = .done
            return .finish
        case .done:
            return .none
        }
    }

    public mutating func tlsEstablished() -> Action {
        outcome.tlsActive = true
        switch state {
        case .handshaking:
            // RFC 3207 §4.2: discard what the server said before TLS and ask again.
            outcome.capabilities = EHLOCapabilities()
            state = .awaitingEHLO
            return .send(.ehlo(plan.heloName))
        case .awaitingGreeting where plan.tls == .implicit:
            pass(.tls, reply: nil, detail: "implicit TLS")
            tlsRecorded = true
            currentStage = .connect
            return .none
        default:
            return fail(.protocolError, reply: nil, detail: "TLS started when it was not asked for")
        }
    }

    public mutating func tlsFailed(_ reason: String) -> Action {
        currentStage = .tls
        return fail(.tlsFailed, reply: nil, detail: reason)
    }

    public mutating func timedOut(after seconds: Double) -> Action {
        if case .quitting = state {
            state = .done
            return .finish
        }
        if case .done = state { return .none }
        return fail(.timedOut, reply: nil, detail: "no answer within \(Self.format(seconds)) s", politely: false)
    }

    public mutating func protocolError(_ error: SMTPProtocolError) -> Action {
        if case .done = state { return .none }
        return fail(.protocolError, reply: nil, detail: "the server sent \(error)", politely: false)
    }

    public mutating func connectionClosed() -> Action {
        switch state {
        case .done: return .none
        case .quitting:
            state = .done
            return .finish
        default:
            return fail(.protocolError, reply: nil, detail: "the server closed the connection", politely: false)
        }
    }

    // MARK: Steps

    private mutating func ehloAccepted(_ reply: SMTPResponse) -> Action {
        outcome.capabilities = EHLOCapabilities(reply: reply)
        notes = [
            "server offers: "
                + (outcome.capabilities.summary.isEmpty ? "nothing beyond SMTP" : outcome.capabilities.summary.joined(separator: ", "))
        ]
        if !connectRecorded {
            connectRecorded = true
            pass(.connect, reply: reply)
        }
        if plan.tls == .startTLS && !outcome.tlsActive {
            if plan.quitAfter == .connect { return quit() }
            currentStage = .tls
            guard outcome.capabilities.startTLS else {
                return fail(
                    .notOffered, reply: reply,
                    detail: "the server does not offer STARTTLS, and the probe does not send credentials or mail without it")
            }
            state = .awaitingStartTLSReply
            return .send(.startTLS)
        }
        if plan.tls != .none && !tlsRecorded {
            tlsRecorded = true
            pass(.tls, reply: reply)
        }
        if plan.quitAfter <= .tls { return quit() }
        if let auth = plan.authentication {
            currentStage = .auth
            guard outcome.capabilities.authMechanisms.contains(auth.mechanism) else {
                let offered = outcome.capabilities.authMechanisms
                return fail(
                    .notOffered, reply: reply,
                    detail: "the server does not offer AUTH \(auth.mechanism)"
                        + (offered.isEmpty ? " (it offers no AUTH at all here)" : " (it offers \(offered.joined(separator: " ")))"))
            }
            guard outcome.tlsActive || plan.allowPlaintextAuth else {
                return fail(.refused, reply: nil, detail: "credentials are never sent without TLS; use STARTTLS or implicit TLS")
            }
            if auth.initialResponse, let first = auth.responses.first {
                state = .authenticating(responsesSent: 1)
                return .send(.auth(mechanism: auth.mechanism, initialResponse: first))
            }
            state = .authenticating(responsesSent: 0)
            return .send(.auth(mechanism: auth.mechanism, initialResponse: nil))
        }
        return startMail()
    }

    private mutating func authReply(_ reply: SMTPResponse, responsesSent: Int) -> Action {
        let responses = plan.authentication?.responses ?? []
        if reply.code == 334 {
            if let decoded = SASL.decodedChallenge(reply.text) { notes = ["challenge decoded: \(decoded)"] }
            state = .authenticating(responsesSent: responsesSent + 1)
            // Past the mechanism's own responses, a 334 carries an error (XOAUTH2): answer empty.
            return .send(.saslResponse(responsesSent < responses.count ? responses[responsesSent] : ""))
        }
        guard reply.code == 235 else { return fail(.rejected, reply: reply, detail: "authentication failed") }
        pass(.auth, reply: reply)
        if plan.quitAfter == .auth { return quit() }
        return startMail()
    }

    private mutating func startMail() -> Action {
        if plan.handOverWhenOpen {
            state = .done
            return .sessionOpen
        }
        guard let from = plan.from, plan.quitAfter >= .mail else { return quit() }
        currentStage = .mail
        state = .awaitingMail
        return .send(.mail(from: from))
    }

    private mutating func pass(_ stage: ProbeStage, reply: SMTPResponse?, detail: String? = nil) {
        outcome.stages.append(StageResult(stage: stage, status: .passed, reply: reply, detail: detail))
    }

    /// Records the failure and ends the conversation: with QUIT when the server is still
    /// talking sense, by closing when it is not.
    private mutating func fail(_ status: StageStatus, reply: SMTPResponse?, detail: String, politely: Bool = true) -> Action {
        outcome.stages.append(StageResult(stage: currentStage, status: status, reply: reply, detail: detail))
        if politely && status != .protocolError && status != .tlsFailed { return quit() }
        state = .done
        return .finish
    }

    private mutating func quit() -> Action {
        state = .quitting
        return .send(.quit)
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
