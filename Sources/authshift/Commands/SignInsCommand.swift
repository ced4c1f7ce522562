import ArgumentParser
import Foundation
import Ingest
import Reports

/// `authshift signins`: sign-in log tools.
struct SignInsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signins",
        abstract: "Work with Entra sign-in log exports.",
        subcommands: [Summarize.self]
    )

    /// `authshift signins summarize`: one row per (user, client app, IP address, outcome).
    struct Summarize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise sign-in logs per user, client app, IP address and outcome, in constant memory.",
            discussion:
                "Reads portal CSV and JSON downloads, Graph auditLogs/signIns pages or JSON lines, and Log Analytics CSV exports. In a folder, the sign-in logs are used and every other file is listed once as skipped; a file named on the command line that is not a sign-in log is an error (exit 65), and so is a sign-in log that cannot be read."
        )

        @OptionGroup var input: ExportInputOptions

        @Option(help: "Output format: table, csv or json.")
        var format: OutputFormat = .table

        @Flag(help: "Only legacy-authentication client apps (Authenticated SMTP, Exchange Online PowerShell, IMAP4, ...).")
        var legacyOnly = false

        func run() throws {
            let collection: SignInLogCollection
            do {
                collection = try SignInLogCollection.read(input.paths, progress: TerminalProgress.make(), dateOrder: input.dateOrder)
            } catch {
                ExitMapping.report([error])
                throw ExitMapping.exit(.noInput)
            }
            for warning in collection.warnings { StandardError.write("warning: \(warning)\n") }
            let skipped = collection.skipped
            let errors = collection.errors
            let summary = collection.summary
            if !skipped.isEmpty {
                StandardError.write(
                    "skipped \(skipped.count) file(s) that are not sign-in logs:\n" + skipped.map { "  \($0.file): \($0.why)\n" }.joined())
            }
            if collection.signInLogs == 0 && errors.isEmpty {
                ExitMapping.report([IngestError(.missingInput, file: input.paths.joined(separator: ", "), "no sign-in log found")])
                throw ExitMapping.exit(.noInput)
            }
            if !errors.isEmpty && !input.keepGoing {
                ExitMapping.report(errors)
                throw ExitMapping.exit(ExitMapping.status(for: errors))
            }
            switch format {
            case .table: StandardOutput.write(SignInSummaryReport.table(summary, legacyOnly: legacyOnly))
            case .csv: SignInSummaryReport.csv(summary, legacyOnly: legacyOnly, emit: StandardOutput.write)
            case .json: try SignInSummaryReport.json(summary, legacyOnly: legacyOnly, emit: StandardOutput.write)
            }
            if !errors.isEmpty {
                ExitMapping.report(errors)
                throw ExitMapping.exit(ExitMapping.status(for: errors))
            }
        }
    }
}
