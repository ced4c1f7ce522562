import Analysis
import ArgumentParser
import AuthShiftCore
import Reports
import SMTP

/// `authshift explain "<reply>"`: what an SMTP reply from Exchange Online means.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain an SMTP reply from Exchange Online: the cause, the fix and the setting to change.",
        discussion:
            "Paste the reply as the device or application showed it. Unknown replies fall back to the RFC 5321 and RFC 3463 meaning of their codes. With --mailbox and --exports, also shows what the exports say about that mailbox."
    )

    @Argument(help: "The reply text, e.g. \"535 5.7.139 Authentication unsuccessful, basic authentication is disabled.\"")
    var reply: String

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    @Option(help: "The mailbox that got the reply (with --exports).")
    var mailbox: String?

    @Option(help: "Exports folder to look the mailbox up in.")
    var exports: String?

    func validate() throws {
        if (mailbox == nil) != (exports == nil) { throw ValidationError("--mailbox and --exports go together.") }
    }

    func run() throws {
        let e = ReplyExplainer.explain(reply)
        var decision: MailboxRow?
        if let mailbox, let exports {
            decision = try ExportLoading.mailbox(mailbox, in: exports)
        }
        if format == .json {
            struct Output: Codable {
                let explanation: ReplyExplanation
                let mailbox: MailboxRow?
                enum CodingKeys: String, NullWritingKey { case explanation, mailbox }
            }
            StandardOutput.write(try JSONOutput.encode(Output(explanation: e, mailbox: decision)))
            return
        }
        let s = ExplanationText.render(e, mailbox: decision, asked: mailbox)
        StandardOutput.write(s)
    }
}
