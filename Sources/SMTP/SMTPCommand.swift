import AuthShiftCore

/// A command the client sends (RFC 5321 §4.1, RFC 3207, RFC 4954). Each knows how it appears
/// on the wire and how it appears in a transcript, where SASL payloads are always masked.
public enum SMTPCommand: Sendable, Equatable {
    case ehlo(String)
    case helo(String)
    case startTLS
    /// `AUTH <mechanism>` with an optional initial response (RFC 4954 §4); the response is a secret.
    case auth(mechanism: String, initialResponse: String?)
    /// A line answering a 334 challenge: base64 of a user name, password or token, or empty.
    case saslResponse(String)
    case mail(from: String)
    case rcpt(to: String)
    /// `MAIL FROM:` as a server reads it: the parsed reverse-path and its ESMTP parameters.
    case mailFrom(SMTPPathArgument)
    /// `RCPT TO:` as a server reads it: the parsed forward-path and its parameters.
    case rcptTo(SMTPPathArgument)
    case data
    /// The message, already dot-stuffed and ending in CRLF.CRLF (see `DotStuffing`).
    case message([UInt8])
    case rset
    case noop
    case quit
    case vrfy(String)
    case help

    /// The command line without CRLF (empty for the message itself).
    public var wireText: String {
        switch self {
        case .ehlo(let name): return "EHLO \(name)"
        case .helo(let name): return "HELO \(name)"
        case .startTLS: return "STARTTLS"
        case .auth(let mechanism, let initial): return initial.map { "AUTH \(mechanism) \($0)" } ?? "AUTH \(mechanism)"
        case .saslResponse(let line): return line
        case .mail(let from): return "MAIL FROM:<\(from)>"
        case .rcpt(let to): return "RCPT TO:<\(to)>"
        case .mailFrom(let path): return "MAIL FROM:\(path.wireText)"
        case .rcptTo(let path): return "RCPT TO:\(path.wireText)"
        case .data: return "DATA"
        case .message: return ""
        case .rset: return "RSET"
        case .noop: return "NOOP"
        case .quit: return "QUIT"
        case .vrfy(let name): return "VRFY \(name)"
        case .help: return "HELP"
        }
    }

    /// What a transcript shows: the command, with every SASL payload replaced by a mask that
    /// keeps only its length class, so a transcript can be pasted into a ticket.
    public var transcriptLines: [String] {
        switch self {
        case .auth(let mechanism, let initial):
            return [initial == nil ? "AUTH \(mechanism)" : "AUTH \(mechanism) \(Secret.mask)"]
        case .saslResponse(let line):
            return [line.isEmpty ? "" : Secret.mask]
        case .message(let bytes):
            return DotStuffing.transcriptLines(of: bytes)
        default:
            return [wireText]
        }
    }
}
