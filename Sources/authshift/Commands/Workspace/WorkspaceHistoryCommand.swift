import ArgumentParser
import Reports
import Workspace

/// `authshift workspace history`.
struct WorkspaceHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "One line per stored run: Basic senders, breaking, failing, exceptions, blockers per ring."
    )

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "Output format: text, json or csv.")
    var format: WorkspaceFormat = .text

    func run() throws {
        let store = try options.open()
        let runs = try WorkspaceFailure.guarding { try store.runs(tenant: options.tenant) }
        switch format {
        case .text: StandardOutput.write(runs.isEmpty ? "No runs stored yet.\n" : WorkspaceText.history(runs))
        case .json: StandardOutput.write(try JSONOutput.encode(runs))
        case .csv: StandardOutput.write(WorkspaceText.historyCSV(runs))
        }
    }
}
