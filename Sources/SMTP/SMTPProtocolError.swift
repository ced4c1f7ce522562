/// What a peer can do wrong on the wire. Never a crash: every case is reported to the user with
/// the RFC rule it broke, and the connection is closed.
public enum SMTPProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A line longer than the RFC 5321 §4.5.3.1 limit for its kind.
    case lineTooLong(limit: Int, section: String)
    /// A reply line that does not start with three digits and a space or hyphen (RFC 5321 §4.2).
    case malformedReply(String)
    /// A multi-line reply whose lines carry different codes (RFC 5321 §4.2.1).
    case inconsistentReplyCode(first: Int, later: Int)
    /// A multi-line reply with more lines than `SMTPLimits.replyLines`.
    case tooManyReplyLines(Int)

    public var description: String {
        switch self {
        case .lineTooLong(let limit, let section):
            return "a line longer than \(limit) octets, the limit of RFC 5321 \(section)"
        case .malformedReply(let line):
            return "a reply line that does not start with a three-digit code (RFC 5321 §4.2): \(line.prefix(80))"
        case .inconsistentReplyCode(let first, let later):
            return "a multi-line reply that changes its code from \(first) to \(later) (RFC 5321 §4.2.1)"
        case .tooManyReplyLines(let n):
            return "a reply of more than \(n) lines"
        }
    }
}
