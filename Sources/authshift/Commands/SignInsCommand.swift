import ArgumentParser
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
            discussion: "Reads portal CSV and JSON downloads, Graph auditLogs/signIns pages or JSON lines, and Log Analytics CSV exports. Other files given are an error."
        )

        @OptionGroup var input: ExportInputOptions

        @Option(help: "Output format: table, csv or json.")
        var format: OutputFormat = .table

        @Flag(help: "Only legacy-authentication client apps (Authenticated SMTP, Exchange Online PowerShell, IMAP4, ...).")
        var legacyOnly = false

        func run() throws {
            let progress = TerminalProgress.make()
            let files: [(path: String, display: String)]
            do { files = try ExportFolderReader.listFiles(input.paths) } catch let error as IngestError {
                ExitMapping.report([error])
                throw ExitMapping.exit(.noInput)
            }
            var summary = SignInSummary()
            var errors: [IngestError] = []
            for (path, display) in files {
                let result = ExportFileReader.read(path: path, displayPath: display, progress: progress)
                if let error = result.file.error { errors.append(error); continue }
                guard let kind = result.file.kind, kind.isSignInLog, let snapshot = result.snapshot else {
                    let what = result.file.kind.map { "a \($0.title) export" } ?? (result.file.unrecognizedReason ?? "not recognised")
                    errors.append(IngestError(.unrecognized, file: display, "not a sign-in log (\(what))"))
                    continue
                }
                for w in result.file.warnings { StandardError.write("warning: \(display): \(w)\n") }
                summary.merge(snapshot.signIns)
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
