import SMTP

/// The probe's exit statuses: one per stage, so a scheduled check or a CI job can tell "the
/// server refused the password" from "the network is down" without parsing text. Listed in
/// `authshift probe --help` and README.
public enum ProbeExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    case connect = 20
    case tls = 21
    case auth = 22
    case mail = 23
    case rcpt = 24
    case data = 25
    /// No access token: the token endpoint refused or could not be reached.
    case token = 26
    /// A stage got no answer within --timeout.
    case timeout = 28
    /// The server broke the protocol (a line over the RFC 5321 limit, a malformed reply, plaintext
    /// injected after STARTTLS) or closed the connection mid-conversation.
    case protocolError = 29

    public init(outcome: ProbeOutcome) {
        guard let failure = outcome.failure else {
            self = .success
            return
        }
        switch failure.status {
        case .timedOut: self = .timeout
        case .protocolError: self = .protocolError
        case .unreachable: self = .connect
        default:
            switch failure.stage {
            case .connect: self = .connect
            case .tls: self = .tls
            case .auth: self = .auth
            case .mail: self = .mail
            case .rcpt: self = .rcpt
            case .data: self = .data
            }
        }
    }

    public var meaning: String {
        switch self {
        case .success: return "every stage up to --quit-after passed"
        case .connect: return "no connection, no 220 greeting, or EHLO refused"
        case .tls: return "STARTTLS not offered or refused, or the TLS handshake failed (certificate, version)"
        case .auth: return "authentication refused (for example 535 5.7.139), or the mechanism is not offered"
        case .mail: return "MAIL FROM refused (for example 5.7.60 SendAsDenied)"
        case .rcpt: return "a recipient refused"
        case .data: return "DATA or the message refused (for example 5.2.0 SubmissionQuotaExceeded)"
        case .token: return "no OAuth access token (see the AADSTS code)"
        case .timeout: return "the server did not answer a stage within --timeout"
        case .protocolError: return "the server broke the protocol or closed the connection"
        }
    }
}
