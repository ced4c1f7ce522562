import Analysis
import ArgumentParser
import AuthShiftCore
import ChangeScripts
import Foundation
import Reports

/// `authshift plan`: rings, exception checks, the checklist, and the change scripts.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract:
            "Assign every sender and automation item a cutover ring, evaluate each ring's exit criteria, and write reviewable change, rollback and verification scripts.",
        discussion:
            "Writes plan.json (schema authshift.plan/1), plan.md and register.json into --out, bridge-draft.yaml when senders are recommended a local bridge, and the PowerShell scripts into --scripts. Nothing is run: people review and run the scripts."
    )

    @OptionGroup var input: ExportInputOptions
    @OptionGroup var assessment: AssessmentOptions

    @Option(help: "Folder for plan.json, plan.md and register.json.")
    var out: String

    @Option(help: "Folder for the PowerShell change, rollback and verification scripts.")
    var scripts: String?

    @Option(help: "The exception register (default: exceptions.csv found among the exports).")
    var exceptions: String?

    @Option(help: "Report exceptions that expire within this many days.")
    var warnDays = 14

    @Option(
        help: ArgumentHelp(
            "Generation time written into the scripts (ISO 8601; default now). For reproducible output.", visibility: .hidden))
    var generatedAt: String?

    @Flag(help: "Write into folders that hold files authshift did not write.")
    var force = false

    func run() throws {
        let run = try AssessmentRun(input: input, assessment: assessment, extra: exceptions.map { [$0] } ?? [], warnDays: warnDays)
        let stamp = generatedAt ?? Timestamp(Date()).description
        let checker = ExceptionChecker(snapshot: run.snapshot, register: run.register, asOf: run.options.asOf, warnDays: warnDays)
        let generated = PlanScripts(
            ChangeSetBuilder.build(snapshot: run.snapshot, register: run.register, checker: checker, generatedAt: stamp)
        ).all()
        let plan = Planner.plan(
            snapshot: run.snapshot, register: run.register, warnDays: warnDays, scripts: scripts == nil ? [] : generated.map(\.name))
        do {
            let folder = try OutputFolder(path: out, force: force)
            try folder.write("plan.json", JSONOutput.encode(plan))
            try folder.write("plan.md", PlanReport.markdown(plan))
            try folder.writeStreaming("register.json") { emit in try RegisterJSON.write(run.register, emit: emit) }
            if let draft = BridgeConfigDraft.yaml(register: run.register) { try folder.write("bridge-draft.yaml", draft) }
            if let scripts {
                let scriptFolder = try OutputFolder(path: scripts, force: force)
                for s in generated { try scriptFolder.write(s.name, s.text) }
            }
        } catch let error as OutputError {
            StandardError.write("error: \(error.description)\n")
            throw ExitCode(ExitStatus.cannotCreate.rawValue)
        }
        var summary = "authshift plan, as of \(run.options.asOf)\n"
        for r in plan.rings {
            summary += "  \(r.title): \(r.members.count) member(s), " + (r.ready ? "ready" : "\(r.blockers.count) blocker(s)") + "\n"
        }
        let failing = plan.exceptionChecks.filter { $0.status == .fail }.count
        summary +=
            "  Exception checks failing: \(failing); checklist items failing: \(plan.checklist.filter { $0.status == .fail }.count)\n"
        summary +=
            "  Wrote plan.json, plan.md and register.json to \(out)" + (scripts.map { " and \(generated.count) scripts to \($0)" } ?? "")
            + "\n"
        StandardOutput.write(summary)
        if let failure = run.readFailure { throw ExitMapping.exit(failure) }
    }
}
