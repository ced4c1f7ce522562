import Analysis
import ArgumentParser
import AuthShiftCore
import Ingest

/// `authshift explain-mailbox ADDRESS EXPORTS...`: one mailbox's decision in plain words.
struct ExplainMailboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain-mailbox",
        abstract: "Explain, step by step, whether SMTP AUTH and Basic authentication work for one mailbox, and which setting decides it."
    )

    @Argument(help: "The mailbox address.")
    var address: String

    @OptionGroup var input: ExportInputOptions
    @OptionGroup var assessment: AssessmentOptions

    func run() throws {
        let register = try AssessmentRun(input: input, assessment: assessment, hashInputs: false).register
        let wanted = address.lowercased()
        guard let mailbox = register.mailboxes.first(where: { $0.address == wanted }) else {
            StandardError.write("error: \(address) is not in the exports (no Get-CASMailbox, Get-User or sender row names it)\n")
            throw ExitCode(ExitStatus.dataError.rawValue)
        }
        var out = "\(mailbox.address)\(mailbox.displayName.map { " (\($0))" } ?? "")\n\n"
        for line in mailbox.explanation { out += "- \(line)\n" }
        for row in register.senders where row.sender == wanted {
            out += "\nAs a sender (\(row.system)): \(row.currentAuth.rawValue) authentication"
            out +=
                row.breaksAtDefaultChange
                ? "; it breaks at the default change on \(register.defaultChangeDate).\n"
                : (row.failingNow ? "; it is already failing.\n" : ".\n")
            out +=
                "Recommended: \(row.recommendation.path.title) (\(row.recommendation.confidence.rawValue)). "
                + row.recommendation.why.joined(separator: " ") + "\n"
        }
        out +=
            "\nSources: \(References.setCASMailbox); \(References.authenticationPolicies); \(References.securityDefaults); \(References.conditionalAccessLegacy)\n"
        StandardOutput.write(out)
    }
}
