/// One complete SMTP reply as read from the wire: its three-digit code and the text of each
/// line (RFC 5321 §4.2: every line but the last has a hyphen after the code). Kept separate from
/// `SMTPReply`, which reads what a person pastes; `explained` bridges the two.
public struct SMTPResponse: Sendable, Equatable, Codable {
    public var code: Int
    /// The text after the code and separator, one element per line.
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines.isEmpty ? [""] : lines
    }

    /// 2xx: the command succeeded.
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// 5xx: do not repeat unchanged.
    public var isPermanentFailure: Bool { code >= 500 }

    /// The reply's lines as the server sent them, `250-...` then `250 ...`.
    public var wireLines: [String] {
        lines.enumerated().map { i, text in
            let separator = i == lines.count - 1 ? " " : "-"
            return text.isEmpty && i == lines.count - 1 ? "\(code)" : "\(code)\(separator)\(text)"
        }
    }

    /// The lines joined with spaces: what `ReplyExplainer` reads.
    public var text: String { lines.joined(separator: " ") }

    /// This reply parsed for explanation (enhanced status code, trailing server bracket).
    public var explained: SMTPReply { SMTPReply(parsing: wireLines.joined(separator: "\n")) }
}
