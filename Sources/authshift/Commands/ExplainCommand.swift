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
        discussion: "Paste the reply as the device or application showed it. Unknown replies fall back to the RFC 5321 and RFC 3463 meaning of their codes. With --mailbox and --exports, also shows what the exports say about that mailbox."
    )

    @Argument(help: "The reply text, e.g. \"535 5.7.139 Authentication unsuccessful, basic authentication is disabled.\"")
    var reply: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .table

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
            let input = try ExportInputOptions.parse([exports, "--keep-going"])
            let run = try AssessmentRun(input: input, assessment: try AssessmentOptions.parse([]), hashInputs: false)
            decision = run.register.mailboxes.first { $0.address == mailbox.lowercased() }
        }
        if format == .json {
            struct Output: Codable { let explanation: ReplyExplanation; let mailbox: MailboxRow? }
            StandardOutput.write(try JSONOutput.encode(Output(explanation: e, mailbox: decision)))
            return
        }
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
        if let d = decision {
            s += "\nWhat the exports say about \(d.address):\n"
            for line in d.explanation { s += "  - \(line)\n" }
        } else if let mailbox {
            s += "\n\(mailbox) is not in the exports.\n"
        }
        StandardOutput.write(s)
    }
}
