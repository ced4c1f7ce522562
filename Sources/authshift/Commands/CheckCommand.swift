import Analysis
import ArgumentParser
import AuthShiftCore
import Reports

/// `authshift check`: the prevention checklist.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate the migration guide's sixteen-item prevention checklist. Exit 1 when a required item fails.",
        discussion:
            "Items map to MS.EXO.5.1v1, MS.AAD.1.1v1 and CIS 6.5.4, 6.5.5 and 5.2.2.3 where they correspond. 'unknown' items name the export or record that would decide them."
    )

    @OptionGroup var input: ExportInputOptions
    @OptionGroup var assessment: AssessmentOptions

    @Option(help: "The exception register (default: exceptions.csv found among the exports).")
    var exceptions: String?

    @Option(help: "Output format: text, json or junit.")
    var format: CheckFormat = .text

    func run() throws {
        let run = try AssessmentRun(input: input, assessment: assessment, extra: exceptions.map { [$0] } ?? [])
        let plan = Planner.plan(snapshot: run.snapshot, register: run.register, warnDays: run.options.warnDays)
        try CheckOutput.write(
            plan.checklist, format: format, title: "authshift check, as of \(run.options.asOf)", schema: "authshift.checklist/1")
        if let failure = run.readFailure { throw ExitMapping.exit(failure) }
        if plan.checklist.contains(where: { $0.status == .fail && $0.required }) { throw ExitMapping.exit(.checkFailed) }
    }
}
