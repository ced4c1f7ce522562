/// One message for a relay to hand on: the envelope (RFC 5321 §3.3) and the content, not yet
/// dot-stuffed.
public struct SMTPTransaction: Sendable, Equatable {
    public var from: String
    public var recipients: [String]
    public var message: [UInt8]

    public init(from: String, recipients: [String], message: [UInt8]) {
        self.from = from
        self.recipients = recipients
        self.message = message
    }
}

/// What became of one recipient of a transaction, decided by the reply that concerned it: its
/// own RCPT reply when that refused it, else the MAIL, DATA or end-of-data reply (RFC 5321 §3.3:
/// a refused RCPT concerns that recipient alone; the end-of-data reply concerns every recipient
/// the server accepted).
public struct RecipientResult: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        /// The server took responsibility for it (2xx after the final ".").
        case delivered
        /// A 4xx, a timeout or a lost connection: try again later (RFC 5321 §4.2.5, §4.5.4.1).
        case deferred
        /// A 5xx: do not repeat unchanged; the sender is told (RFC 5321 §6.1, §4.2.5).
        case failed
    }

    public var recipient: String
    public var status: Status
    /// The command the deciding reply answered.
    public var stage: ProbeStage
    /// The deciding reply; nil when there was none (timeout, closed connection).
    public var reply: SMTPResponse?
    /// What happened when there was no reply.
    public var detail: String?

    public init(recipient: String, status: Status, stage: ProbeStage, reply: SMTPResponse?, detail: String? = nil) {
        self.recipient = recipient
        self.status = status
        self.stage = stage
        self.reply = reply
        self.detail = detail
    }

    /// The status a reply gives: 2xx delivered, 5xx failed, anything else deferred (a 4xx, or a
    /// code a server should not have sent here, which is not worth a bounce).
    static func status(of reply: SMTPResponse) -> Status {
        if reply.isPositiveCompletion { return .delivered }
        return reply.isPermanentFailure ? .failed : .deferred
    }

    /// One line for logs and the spool: `rcpt: 550 5.1.10 Recipient not found`.
    public var summary: String {
        let what = reply.map { $0.wireLines.joined(separator: " ") } ?? detail ?? status.rawValue
        return "\(stage.rawValue): \(what)"
    }
}
