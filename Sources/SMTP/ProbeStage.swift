/// The stages of a submission, in order. A probe stops after the one `--quit-after` names, and a
/// failure is attributed to the stage it happened in (each has its own exit status).
public enum ProbeStage: String, CaseIterable, Codable, Sendable, Comparable {
    /// TCP connection, the 220 greeting and the first EHLO.
    case connect
    /// STARTTLS and the second EHLO (RFC 3207), or the implicit TLS handshake.
    case tls
    /// AUTH PLAIN, LOGIN or XOAUTH2 (RFC 4954).
    case auth
    case mail
    case rcpt
    /// DATA, the message, and the server's answer to the final ".".
    case data

    public static func < (lhs: ProbeStage, rhs: ProbeStage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How a stage ended.
public enum StageStatus: String, Codable, Sendable {
    case passed
    /// No TCP connection (name not found, refused, unreachable).
    case unreachable
    /// The server answered with a failure reply.
    case rejected
    /// The server did not answer within the stage's timeout.
    case timedOut = "timed-out"
    /// The TLS handshake failed (certificate, protocol version).
    case tlsFailed = "tls-failed"
    /// The server broke the protocol (over-long line, malformed reply) or closed the connection.
    case protocolError = "protocol-error"
    /// The server does not offer what the probe needs (STARTTLS, the AUTH mechanism).
    case notOffered = "not-offered"
    /// authshift refused to go on (for example, credentials over an unencrypted connection).
    case refused
}

/// One stage's result: the reply that decided it and, for failures, what went wrong.
public struct StageResult: Sendable, Codable, Equatable {
    public var stage: ProbeStage
    public var status: StageStatus
    public var reply: SMTPResponse?
    public var detail: String?

    public init(stage: ProbeStage, status: StageStatus, reply: SMTPResponse? = nil, detail: String? = nil) {
        self.stage = stage
        self.status = status
        self.reply = reply
        self.detail = detail
    }
}

/// Everything a finished conversation established.
public struct ProbeOutcome: Sendable, Codable, Equatable {
    public var stages: [StageResult] = []
    /// The capabilities of the last EHLO (after TLS when TLS was used).
    public var capabilities = EHLOCapabilities()
    public var tlsActive = false

    public init() {}

    /// The failed stage, if any.
    public var failure: StageResult? { stages.first { $0.status != .passed } }
    public var succeeded: Bool { failure == nil }
}
