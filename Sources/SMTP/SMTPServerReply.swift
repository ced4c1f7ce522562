/// An enhanced mail system status code (RFC 3463 section 2): class, subject and detail, written
/// `5.7.1`. The server half sends one with every reply but the greeting, HELO/EHLO and the 334
/// challenges, as RFC 2034 section 3 asks once ENHANCEDSTATUSCODES is advertised.
public struct EnhancedStatusCode: Sendable, Hashable, CustomStringConvertible {
    /// 2 success, 4 persistent transient failure, 5 permanent failure.
    public var statusClass: Int
    public var subject: Int
    public var detail: Int

    public init(_ statusClass: Int, _ subject: Int, _ detail: Int) {
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
    }

    public var description: String { "\(statusClass).\(subject).\(detail)" }
}

/// A reply the server half sends: the reply code (RFC 5321 section 4.2), the enhanced status
/// code and the text, one element per line. Decisions read `code` and `category`; the wire form
/// is written in one place, `wireText`.
public struct SMTPServerReply: Sendable, Hashable {
    /// RFC 5321 section 4.2.1: what the first digit of a reply code says.
    public enum Category: Sendable, Hashable {
        /// 2yz: the command succeeded.
        case positiveCompletion
        /// 3yz: go on (354 after DATA, 334 during AUTH).
        case positiveIntermediate
        /// 4yz: refused for now; the client may try again.
        case transientNegative
        /// 5yz: refused; the client should not repeat the command unchanged.
        case permanentNegative
    }

    public var code: Int
    public var enhanced: EnhancedStatusCode?
    /// The text of each line (more than one only for the EHLO reply).
    public var lines: [String]

    public init(_ code: Int, _ enhanced: EnhancedStatusCode?, _ text: String) {
        self.code = code
        self.enhanced = enhanced
        lines = [text]
    }

    /// A multi-line reply (RFC 5321 section 4.2.1: every line but the last has a hyphen after the code).
    public init(_ code: Int, lines: [String]) {
        self.code = code
        enhanced = nil
        self.lines = lines.isEmpty ? [""] : lines
    }

    public var category: Category {
        switch code / 100 {
        case 2: return .positiveCompletion
        case 3: return .positiveIntermediate
        case 4: return .transientNegative
        default: return .permanentNegative
        }
    }

    /// A 4yz or 5yz reply: the command was refused.
    public var isRefusal: Bool { category == .transientNegative || category == .permanentNegative }

    /// The text of every line joined with spaces (for logs).
    public var text: String { lines.joined(separator: " ") }

    /// The reply as sent, without the final CRLF: `code SP [enhanced SP] text`, lines joined by
    /// CRLF with a hyphen after the code on every line but the last. A 334 challenge with no
    /// data is `334 ` (RFC 4954 section 4).
    public var wireText: String {
        let prefix = enhanced.map { "\($0) " } ?? ""
        return lines.enumerated().map { index, line in
            "\(code)\(index == lines.count - 1 ? " " : "-")\(prefix)\(line)"
        }.joined(separator: "\r\n")
    }
}

extension SMTPServerReply {
    /// RSET, NOOP and the like.
    public static let ok = SMTPServerReply(250, .init(2, 0, 0), "Ok")
    /// MAIL FROM accepted.
    public static let senderAccepted = SMTPServerReply(250, .init(2, 1, 0), "Ok")
    /// RCPT TO accepted: the reply the open-relay property watches for.
    public static let recipientAccepted = SMTPServerReply(250, .init(2, 1, 5), "Ok")
    /// The message could not be queued (spool error): try again.
    public static let cannotQueue = SMTPServerReply(451, .init(4, 3, 0), "Could not queue the message, try again later")
}
