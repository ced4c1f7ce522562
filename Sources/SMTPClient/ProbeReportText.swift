import AuthShiftCore
import SMTP

/// How `authshift probe` shows a report: the text that follows the live transcript, and the JSON
/// document (`ProbeReportText.Document`, schema `authshift.probe/1` under "probe").
public enum ProbeReportText {
    /// What the exports said about the probed mailbox, when the caller looked it up.
    public struct MailboxLookup: Sendable {
        /// The mailbox asked about (the probe's user name).
        public var asked: String?
        /// Its row in the exports, nil when the exports do not know it.
        public var row: MailboxRow?
        public init(asked: String?, row: MailboxRow?) {
            self.asked = asked
            self.row = row
        }
    }

    /// The JSON document: the report and the mailbox's row (null without one).
    public struct Document: Encodable {
        public let probe: ProbeReport
        public let mailbox: MailboxRow?
        enum CodingKeys: String, NullWritingKey { case probe, mailbox }
        public init(probe: ProbeReport, mailbox: MailboxLookup?) {
            self.probe = probe
            self.mailbox = mailbox?.row
        }
    }

    /// The stage lines, the exit status, the meaning of a failure reply and, with a lookup, what
    /// the exports say about the mailbox. The transcript itself was shown as it happened.
    public static func afterTranscript(_ report: ProbeReport, mailbox: MailboxLookup?) -> String {
        var text = report.summary
        if let explanation = report.explanation {
            text += "\nWhat the reply means:\n" + ExplanationText.render(explanation, mailbox: nil, asked: nil)
        }
        if let mailbox { text += ExplanationText.mailboxText(mailbox.row, asked: mailbox.asked) }
        return text
    }
}
