import Foundation
import SMTP

/// What one listener lets a client do, decided in one place for the inbound handler: whether
/// its source may connect at all (`allow`, loopback only when empty), whether it may relay
/// without AUTH (`relayWithoutAuth`), which envelope and header From addresses the session may
/// use (its account's `senders`, or the listener's `relaySenders`), whether an AUTH attempt from
/// it is held back (the lock-out in `AdmissionControl`), and whether a reload took away what an
/// open session relies on. The value holds the listener's settings as of the connection's start;
/// the counters it consults (`AdmissionControl`) are shared by every session.
struct SubmissionPolicy: Sendable {
    let listener: BridgeConfiguration.Listener
    let limits: BridgeConfiguration.Limits
    let admission: AdmissionControl

    /// The allow list: a source outside it is turned away at the greeting.
    func admitsConnection(from address: IPAddress?) -> Bool {
        Self.admits(address, listener: listener)
    }

    /// The source may relay without AUTH (the machine still refuses RCPT without it otherwise).
    func relaysWithoutAuth(_ address: IPAddress?) -> Bool {
        Self.relaysWithoutAuth(address, listener: listener)
    }

    /// The senders a session may use: its account's once authenticated, else the listener's relay senders.
    func senderPatterns(account: BridgeConfiguration.Account?, authenticated: Bool) -> [SenderPattern] {
        authenticated ? account?.senderPatterns ?? [] : listener.relaySenderPatterns
    }

    /// MAIL FROM: a sender the session may use, within the source's message rate. The null
    /// reverse-path is refused: devices send mail, they do not send bounces.
    func senderDecision(_ address: MailboxAddress?, patterns: [SenderPattern], source: String) -> SMTPServerStateMachine.SenderDecision {
        guard let address, patterns.contains(where: { $0.matches(address) }) else { return .notAllowed }
        return admission.admitMessage(source: source, limits: limits) ? .allowed : .rateLimited
    }

    /// At the end of DATA, on routes with `checkHeaderFrom`: every author in the header From
    /// must be a sender this session may use. A message without a From field has no author to
    /// forge and passes; one the bridge cannot read does not.
    func headerFromDecision(_ field: HeaderFrom, patterns: [SenderPattern]) -> SMTPServerStateMachine.HeaderFromDecision {
        switch field {
        case .absent:
            return .allowed
        case .invalid(let reason):
            return .invalid(reason)
        case .mailboxes(let authors):
            if let forged = authors.first(where: { author in !patterns.contains { $0.matches(author) } }) { return .notAllowed(forged) }
            return .allowed
        }
    }

    /// An AUTH from `source` (an IPv6 client by its /64) for `user` is refused before any check.
    func lockout(source: String, user: String) -> AdmissionControl.Lockout? {
        admission.lockout(source: source, user: user, limits: limits)
    }

    /// Why a reload ends an open session (RFC 5321 section 3.8: 421 before its next command),
    /// or nil when what it relies on is unchanged: the listener is gone, the account it
    /// authenticated as was changed or removed, its source left the allow list, or (without
    /// AUTH) its source lost `relayWithoutAuth` or the relay senders changed.
    func revocation(now current: BridgeConfiguration, source: IPAddress?, account: BridgeConfiguration.Account?, authenticated: Bool)
        -> String?
    {
        guard let now = current.listener(named: listener.name) else { return "the listener was renamed or removed by a reload" }
        if let account, current.accounts.first(where: { $0.name == account.name }) != account {
            return "account \(account.name) was changed or removed"
        }
        if let source, !Self.admits(source, listener: now) { return "the source is no longer in the listener's allow list" }
        if !authenticated, relaysWithoutAuth(source),
            !Self.relaysWithoutAuth(source, listener: now) || now.relaySenders != listener.relaySenders
        {
            return "relayWithoutAuth or relaySenders changed for this source"
        }
        return nil
    }

    private static func admits(_ address: IPAddress?, listener: BridgeConfiguration.Listener) -> Bool {
        guard let address else { return false }
        return listener.allow.isEmpty ? PrivateAddressSpace.isLoopback(address) : listener.allow.contains { $0.contains(address) }
    }

    private static func relaysWithoutAuth(_ address: IPAddress?, listener: BridgeConfiguration.Listener) -> Bool {
        guard let address else { return false }
        return listener.relayWithoutAuth.contains { $0.contains(address) }
    }
}

/// The replies the inbound handler sends itself (the state machine writes the rest).
extension SMTPServerReply {
    static func listenerRemoved(_ hostname: String) -> SMTPServerReply {
        .init(421, .init(4, 3, 2), "\(hostname) Service not available, try again later")
    }
    static let sourceNotAllowed = SMTPServerReply(554, .init(5, 7, 1), "Connections from your address are not accepted")
    static let tooManyConnections = SMTPServerReply(421, .init(4, 7, 0), "Too many connections, try again later")
    static func tooManyErrors(_ hostname: String) -> SMTPServerReply { .init(421, .init(4, 7, 0), "\(hostname) Error: too many errors") }
    static func authorizationChanged(_ hostname: String) -> SMTPServerReply {
        .init(421, .init(4, 7, 0), "\(hostname) Your authorization was changed by the administrator, closing connection")
    }
    static let noRoute = SMTPServerReply(554, .init(5, 7, 1), "No route for this sender and these recipients")
    static let spoolFull = SMTPServerReply(452, .init(4, 3, 1), "Insufficient system storage, try again later")
}
