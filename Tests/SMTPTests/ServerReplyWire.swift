@testable import SMTP

/// The server machine's tests state each expected reply as the client sees it on the wire; these
/// read that text into a typed reply (code, enhanced status when the text starts with one, text),
/// so the comparison is between typed values and a reply with a wrong enhanced code fails.
extension SMTPServerReply {
    init(wire: String) {
        let lines = wire.components(separatedBy: "\r\n")
        let code = Int(wire.prefix(3)) ?? 0
        let texts = lines.map { String($0.dropFirst(4)) }
        if texts.count > 1 {
            self.init(code, lines: texts)
            return
        }
        let words = texts[0].split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        let parts = words.first.map { $0.split(separator: ".", omittingEmptySubsequences: false).compactMap { Int($0) } } ?? []
        if parts.count == 3, let first = parts.first, [2, 4, 5].contains(first) {
            self.init(code, EnhancedStatusCode(parts[0], parts[1], parts[2]), words.count > 1 ? String(words[1]) : "")
        } else {
            self.init(code, nil, texts[0])
        }
    }
}

extension SMTPServerStateMachine.Action {
    static func reply(_ wire: String) -> Self { .reply(SMTPServerReply(wire: wire)) }
    static func replyAndStartTLS(_ wire: String) -> Self { .replyAndStartTLS(SMTPServerReply(wire: wire)) }
    static func replyAndReadAuthLine(_ wire: String) -> Self { .replyAndReadAuthLine(SMTPServerReply(wire: wire)) }
    static func discardAndReply(_ wire: String) -> Self { .discardAndReply(SMTPServerReply(wire: wire)) }
    static func replyAndClose(_ wire: String) -> Self { .replyAndClose(SMTPServerReply(wire: wire)) }
    static func discardAndClose(_ wire: String) -> Self { .discardAndClose(SMTPServerReply(wire: wire)) }
}
