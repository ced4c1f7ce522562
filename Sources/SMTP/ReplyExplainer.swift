/// Explains an SMTP reply: the known Exchange Online meaning when there is one, else the
/// generic meaning of the reply code (RFC 5321 §4.2) and enhanced status (RFC 3463).
public struct ReplyExplanation: Sendable, Codable, Equatable {
    public var reply: SMTPReply
    public var known: KnownReply?
    /// RFC meaning of the codes, always given.
    public var generic: String
}

public enum ReplyExplainer {
    public static func explain(_ raw: String) -> ReplyExplanation {
        let reply = SMTPReply(parsing: raw)
        return ReplyExplanation(reply: reply, known: KnownReplies.match(reply), generic: generic(reply))
    }

    static func generic(_ r: SMTPReply) -> String {
        var parts: [String] = []
        if let code = r.code {
            switch code / 100 {
            case 2: parts.append("\(code): success (RFC 5321 §4.2.1)")
            case 3: parts.append("\(code): the server waits for more input (RFC 5321 §4.2.1)")
            case 4: parts.append("\(code): a temporary failure; the client may retry later (RFC 5321 §4.2.1)")
            case 5: parts.append("\(code): a permanent failure; do not retry unchanged (RFC 5321 §4.2.1)")
            default: parts.append("\(code): not a valid reply code")
            }
        }
        if let e = r.enhanced {
            let p = e.split(separator: ".").map(String.init)
            let subjects = [
                "0": "other or undefined status", "1": "addressing status", "2": "mailbox status", "3": "mail system status",
                "4": "network and routing status", "5": "mail delivery protocol status", "6": "message content or media status",
                "7": "security or policy status",
            ]
            let klass = p[0] == "2" ? "success" : (p[0] == "4" ? "persistent transient failure" : "permanent failure")
            parts.append("\(e): \(klass), \(subjects[p[1]] ?? "unknown subject") (RFC 3463)")
        }
        return parts.isEmpty ? "no reply code or enhanced status code found" : parts.joined(separator: "; ")
    }
}
