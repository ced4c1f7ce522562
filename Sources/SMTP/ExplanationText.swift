import AuthShiftCore

/// The plain-words explanation of a reply, shared by `explain` and `probe` (through
/// `ProbeReportText`), with what the exports say about the mailbox when they were given.
public enum ExplanationText {
    public static func render(_ e: ReplyExplanation, mailbox: MailboxRow?, asked: String?) -> String {
        var s = ""
        if let code = e.reply.code { s += "Reply code:       \(code)\n" }
        if let enhanced = e.reply.enhanced { s += "Enhanced status:  \(enhanced)\n" }
        if let server = e.reply.server { s += "Server:           \(server)" + (e.reply.timestamp.map { " at \($0)" } ?? "") + "\n" }
        if let k = e.known {
            s += "Meaning:          \(k.meaning)\nFix:              \(k.fix)\nSetting:          \(k.setting)\n"
            s += "Retry later:      \(k.temporary ? "yes, it is temporary" : "no, not unchanged")\nSource:           \(k.source)\n"
        } else {
            s += "Meaning:          not a reply authshift knows; by its codes: \(e.generic)\n"
        }
        s += mailboxText(mailbox, asked: asked)
        return s
    }

    /// What the exports say about the mailbox, or that they do not know it.
    public static func mailboxText(_ mailbox: MailboxRow?, asked: String?) -> String {
        if let d = mailbox {
            return "\nWhat the exports say about \(d.address):\n" + d.explanation.map { "  - \($0)\n" }.joined()
        } else if let asked {
            return "\n\(asked) is not in the exports.\n"
        }
        return ""
    }
}
