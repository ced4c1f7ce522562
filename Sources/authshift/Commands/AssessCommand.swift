import Analysis
import ArgumentParser
import AuthShiftCore
import Foundation
import Ingest
import Reports
import Scan
import Workspace

/// `authshift assess`: the main job.
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract:
            "Work out every mailbox's SMTP AUTH state, build the sender register, forecast the default change and recommend where each sender moves.",
        discussion: """
            Writes register.json (schema authshift.register/1), register.csv, register.xlsx, report.md, report.html \
            and inventory-todo.csv into --out. Missing exports make the affected facts 'unknown'; the report says which \
            export would settle each one.
            """
    )

    @OptionGroup var input: ExportInputOptions
    @OptionGroup var assessment: AssessmentOptions

    @Option(help: "Folder for the outputs (created if needed).")
    var out: String

    @Option(help: "Scripts to add to the automation register (folders or files, scanned like 'authshift scan').")
    var scripts: [String] = []

    @Option(
        name: .customLong("bridge-config"),
        help: "The bridge's configuration file: its OAuth routes are listed as depending on the app credentials of its client ID.")
    var bridgeConfig: String?

    @Flag(help: "Write into --out even if it holds files authshift did not write.")
    var force = false

    @Option(help: "Also store this run in the workspace folder (see 'authshift workspace'); the reports then show progress across runs.")
    var workspace: String?

    @Option(help: "The tenant to file the run under in the workspace (default: its initial domain from the accepted domains export).")
    var tenant: String?

    func run() throws {
        let run = try AssessmentRun(input: input, assessment: assessment)
        var register = run.register
        if !scripts.isEmpty {
            do { register.scripts = try AutomationProfiler.profile(scripts) } catch let error as ScanError {
                StandardError.write("error: \(error.description)\n")
                throw ExitMapping.exit(.noInput)
            }
        }
        if var credentials = register.appCredentials {
            AppCredentialRegisterBuilder.attachScripts(register.scripts ?? [], to: &credentials)
            if let bridgeConfig { AppCredentialRegisterBuilder.attach(try BridgeDependents.read(bridgeConfig), to: &credentials) }
            register.appCredentials = credentials
        }
        let checklist = Planner.plan(snapshot: run.snapshot, register: register, warnDays: run.options.warnDays).checklist
        let stored = try workspace.map { try WorkspaceRun.store(register, folder: $0, tenant: tenant) }
        do {
            let folder = try OutputFolder(path: out, force: force)
            try folder.writeStreaming("register.json") { emit in try RegisterJSON.write(register, emit: emit) }
            try folder.write("register.csv", RegisterCSV.render(register))
            let workbook = XLSXWorkbook.register(register)
            try folder.writeStreaming("register.xlsx") { emit in try withoutActuallyEscaping(emit) { try workbook.write(emit: $0) } }
            try folder.write("report.md", MarkdownReport.render(register, checklist: checklist, progress: stored?.progress))
            try folder.write("report.html", HTMLReport.render(register, checklist: checklist, progress: stored?.progress))
            try folder.write("inventory-todo.csv", InventoryTodo.render(register))
            if let credentials = register.appCredentials { try folder.write("app-credentials.csv", AppCredentialsTable.csv(credentials)) }
        } catch let error as OutputError {
            StandardError.write("error: \(error.description)\n")
            throw ExitCode(ExitStatus.cannotCreate.rawValue)
        }
        StandardOutput.write(TerminalSummary.render(register))
        if let stored { StandardOutput.write("  " + stored.message) }
        StandardOutput.write(
            "  Wrote register.json, register.csv, register.xlsx, report.md, report.html"
                + (register.appCredentials == nil ? "" : ", app-credentials.csv") + " and inventory-todo.csv to \(out)\n")
        if let failure = run.readFailure { throw ExitMapping.exit(failure) }
    }
}
