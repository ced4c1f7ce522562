import Analysis
import ArgumentParser
import AuthShiftCore
import Reports
import Workspace

/// `authshift workspace diff [RUN RUN]`: the drift of `authshift diff`, between stored runs.
struct WorkspaceDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract:
            "Drift between two stored runs (default: the tenant's last two): new Basic senders, loosened settings, exceptions, ring moves.",
        discussion: "Exit 1 when a new Basic sender or a loosened setting appears, as 'authshift diff' does."
    )

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The earlier and the later run's numbers (see 'workspace history').")
    var runs: [Int64] = []

    @Option(help: "Output format: text, json or csv.")
    var format: WorkspaceFormat = .text

    func validate() throws {
        if !runs.isEmpty && runs.count != 2 { throw ValidationError("Give two run numbers, or none for the tenant's last two runs.") }
    }

    func run() throws {
        let store = try options.open()
        let (old, new) = try WorkspaceFailure.guarding { () -> (Int64, Int64) in
            if runs.count == 2 { return (runs[0], runs[1]) }
            let tenants = try store.tenants()
            guard let tenant = options.tenant ?? (tenants.count == 1 ? tenants[0] : nil) else {
                throw WorkspaceError(
                    .ambiguous, file: options.workspace, field: "tenant",
                    "the workspace holds several tenants (\(tenants.joined(separator: ", "))); add --tenant or give two runs")
            }
            let stored = try store.runs(tenant: tenant)
            guard stored.count >= 2 else {
                throw WorkspaceError(
                    .notFound, file: options.workspace, field: "run", "tenant \(tenant) has \(stored.count) run(s); diff needs two")
            }
            return (stored[stored.count - 2].id, stored[stored.count - 1].id)
        }
        let items = try WorkspaceFailure.guarding { RegisterDiff.diff(try store.register(run: old), try store.register(run: new)) }
        switch format {
        case .json: StandardOutput.write(try JSONOutput.encode(items))
        case .csv:
            var w = CSVWriter(header: ["kind", "subject", "before", "after", "alerts"])
            for i in items { w.row([i.kind, i.subject, i.before ?? "", i.after ?? "", i.alerts ? "true" : "false"]) }
            StandardOutput.write(w.text)
        case .text:
            var s = "Run \(old) -> run \(new):\n" + (items.isEmpty ? "No drift.\n" : "")
            for i in items { s += (i.alerts ? "ALERT " : "      ") + "\(i.kind): \(i.subject): \(i.before ?? "-") -> \(i.after ?? "-")\n" }
            StandardOutput.write(s)
        }
        if items.contains(where: \.alerts) { throw ExitMapping.exit(.checkFailed) }
    }
}
