import Analysis
import ArgumentParser
import AuthShiftCore
import Reports

/// `authshift exceptions check`: validates the Basic SMTP exception register.
struct ExceptionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exceptions",
        abstract: "Work with the Basic SMTP exception register (exceptions.csv).",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check every exception (fields, expiry, use, dedicated sender) and find openings with no exception. Exit 1 when a check fails.",
            discussion:
                "exceptions.csv has the columns mailbox,system,source,owner,expires,replacement,ticket. For scheduled monitoring: exit 1 on any failed check."
        )

        @OptionGroup var input: ExportInputOptions
        @OptionGroup var assessment: AssessmentOptions

        @Option(help: "The exception register (default: exceptions.csv found among the exports).")
        var exceptions: String?

        @Option(help: "Report exceptions that expire within this many days.")
        var warnDays = 14

        @Option(help: "Output format: text, json or junit.")
        var format: CheckFormat = .text

        func run() throws {
            let run = try AssessmentRun(input: input, assessment: assessment, extra: exceptions.map { [$0] } ?? [], warnDays: warnDays)
            if !run.snapshot.has(.exceptions) {
                StandardError.write(
                    "warning: no exception register (exceptions.csv) among the inputs; only openings without an exception are checked\n")
            }
            let results = ExceptionChecker(snapshot: run.snapshot, register: run.register, asOf: run.options.asOf, warnDays: warnDays).run()
            try CheckOutput.write(
                results, format: format, title: "authshift exceptions check, as of \(run.options.asOf)",
                schema: "authshift.exceptions-check/1")
            if let failure = run.readFailure { throw ExitMapping.exit(failure) }
            if results.contains(where: { $0.status == .fail }) { throw ExitMapping.exit(.checkFailed) }
        }
    }
}

enum CheckFormat: String, ExpressibleByArgument, CaseIterable { case text, json, junit }

enum CheckOutput {
    static func write(_ results: [CheckResult], format: CheckFormat, title: String, schema: String) throws {
        switch format {
        case .text: StandardOutput.write(CheckReport.text(results, title: title))
        case .json: StandardOutput.write(try CheckReport.json(results, schema: schema))
        case .junit: StandardOutput.write(CheckReport.junit(results, name: title))
        }
    }
}
