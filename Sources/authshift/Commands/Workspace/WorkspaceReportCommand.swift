import ArgumentParser
import Workspace

/// `authshift workspace report --out DIR`: report.html and report.md of the latest run, with progress.
struct WorkspaceReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write report.html and report.md from the workspace: the latest run's assessment with the burn-down chart, "
            + "regressions and lifecycle counts."
    )

    @OptionGroup var options: WorkspaceOptions

    @Option(help: "Folder for report.html and report.md (created if needed).")
    var out: String

    @Flag(help: "Write into --out even if it holds files authshift did not write.")
    var force = false

    func run() throws {
        let store = try options.open()
        try WorkspaceReports.write(store: store, tenant: options.tenant, out: out, force: force)
        StandardOutput.write("Wrote report.html and report.md to \(out).\n")
    }
}
