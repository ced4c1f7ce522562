import AuthShiftCore
import Foundation

/// An SMTP reply as a person pastes it: the reply code (RFC 5321 §4.2), the enhanced status
/// code (RFC 3463), the text, and Exchange Online's trailing `[host timestamp id]` or
/// `[host]`. Also finds the codes inside client error messages such as .NET's "The server
/// response was: 5.7.57 ..." and in NDR text.
public struct SMTPReply: Sendable, Equatable, Codable {
    public var code: Int?
    public var enhanced: String?
    public var text: String
    /// The server named in the trailing bracket, when present.
    public var server: String?
    /// The timestamp in the trailing bracket (newer replies).
    public var timestamp: String?

    public init(parsing raw: String) {
        // Multi-line replies ("250-..." then "250 ..."): join their texts.
        var lines = raw.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { String($0).trimming(" \t") }.filter { !$0.isEmpty }
        if lines.isEmpty { lines = [""] }
        var texts: [String] = []
        var code: Int?
        for line in lines {
            let chars = Array(line)
            if chars.count >= 3, chars[0...2].allSatisfy({ $0.isNumber }), chars.count == 3 || chars[3] == " " || chars[3] == "-" {
                code = code ?? Int(String(chars[0...2]))
                texts.append(String(chars.dropFirst(min(4, chars.count))))
            } else {
                texts.append(line)
            }
        }
        var text = texts.joined(separator: " ")
        // A code later in the text (".NET: The server response was: 5.7.57 ..." or "Error: 535 5.7.139 ...").
        if code == nil, let found = SMTPReply.firstMatch(in: text, pattern: SMTPReply.isReplyCode) {
            code = Int(found)
        }
        let enhanced = SMTPReply.firstMatch(in: text, pattern: SMTPReply.isEnhancedCode)
        if let e = enhanced, let r = text.range(of: e), String(text[..<r.lowerBound]).trimming(" ").isEmpty {
            text = String(text[r.upperBound...]).trimming(" ")
        }
        // The trailing bracket.
        var server: String?
        var timestamp: String?
        if text.hasSuffix("]"), let open = text.lastIndex(of: "[") {
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)].split(separator: " ").map(String.init)
            if let host = inside.first, host.contains(".") {
                server = host
                timestamp = inside.count > 1 ? inside[1] : nil
                text = String(text[..<open]).trimming(" ")
            }
        }
        self.code = code
        self.enhanced = enhanced
        self.text = text
        self.server = server
        self.timestamp = timestamp
    }

    static func isReplyCode(_ word: Substring) -> Bool {
        word.count == 3 && word.allSatisfy(\.isNumber) && ["2", "3", "4", "5"].contains(word.first!)
    }

    static func isEnhancedCode(_ word: Substring) -> Bool {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, ["2", "4", "5"].contains(parts[0]),
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) })
        else { return false }
        return true
    }

    /// The first whitespace-separated word (punctuation trimmed) that satisfies `pattern`.
    static func firstMatch(in text: String, pattern: (Substring) -> Bool) -> String? {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" || $0 == "(" || $0 == ")" }) {
            let trimmed = String(word).trimming(".,:")
            if pattern(Substring(trimmed)) { return trimmed }
        }
        return nil
    }
}
