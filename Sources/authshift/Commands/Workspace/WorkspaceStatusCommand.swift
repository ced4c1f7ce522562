import ArgumentParser
import Reports
import Workspace

/// `authshift workspace status`.
struct WorkspaceStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract:
            "Where the migration stands: regressions first, counts by state and path, Basic senders now and at the first run, "
            + "expiring exceptions, days to the default change.",
        discussion: "With --fail-on regressed, exit 1 when any sender regressed (for a scheduled job)."
    )

    enum FailOn: String, ExpressibleByArgument, CaseIterable { case regressed }

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "Output format: text, json or csv.")
    var format: WorkspaceFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when this is found: regressed.")
    var failOn: FailOn?

    func run() throws {
        let store = try options.open()
        let status = try WorkspaceFailure.guarding { try store.status(tenant: options.tenant) }
        switch format {
        case .text: StandardOutput.write(WorkspaceText.status(status))
        case .json: StandardOutput.write(try JSONOutput.encode(status))
        case .csv: StandardOutput.write(WorkspaceText.statusCSV(status))
        }
        if failOn == .regressed && !status.regressions.isEmpty { throw ExitMapping.exit(.checkFailed) }
    }
}
