import ArgumentParser
import Reports
import Workspace

/// `authshift workspace show SENDER`.
struct WorkspaceShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One sender's timeline: what each run saw, its state, people's edits and automatic changes."
    )

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The sender address.")
    var sender: String

    @Option(help: "The system, when the address is used by several.")
    var system: String?

    @Option(help: "Output format: text, json or csv.")
    var format: WorkspaceFormat = .text

    func run() throws {
        let store = try options.open()
        let detail = try WorkspaceFailure.guarding {
            try store.sender(SenderSelector(sender: sender, system: system, tenant: options.tenant))
        }
        switch format {
        case .text: StandardOutput.write(WorkspaceText.show(detail))
        case .json: StandardOutput.write(try JSONOutput.encode(detail))
        case .csv: StandardOutput.write(WorkspaceText.showCSV(detail))
        }
    }
}
