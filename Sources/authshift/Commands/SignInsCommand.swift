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
            discussion: "Reads portal CSV and JSON downloads, Graph auditLogs/signIns pages or JSON lines, and Log Analytics CSV exports. In a folder, the sign-in logs are used and every other file is listed once as skipped; a file named on the command line that is not a sign-in log is an error (exit 65), and so is a sign-in log that cannot be read."
        )

        @OptionGroup var input: ExportInputOptions

        @Option(help: "Output format: table, csv or json.")
        var format: OutputFormat = .table

        @Flag(help: "Only legacy-authentication client apps (Authenticated SMTP, Exchange Online PowerShell, IMAP4, ...).")
        var legacyOnly = false

        static let onlySignInLogs: @Sendable (ExportKind) -> Bool = { $0.isSignInLog }

        func run() throws {
            let progress = TerminalProgress.make()
            var summary = SignInSummary()
            var errors: [IngestError] = []
            var skipped: [(file: String, why: String)] = []
            var signInLogs = 0
            for root in input.paths {
                // A folder is a mix of downloads: its sign-in logs are used and the rest listed as
                // skipped. A file named on the command line must be a sign-in log.
                var isDirectory: ObjCBool = false
                let inFolder = FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) && isDirectory.boolValue
                let files: [(path: String, display: String)]
                do { files = try ExportFolderReader.listFiles([root]) } catch let error as IngestError {
                    ExitMapping.report([error])
                    throw ExitMapping.exit(.noInput)
                }
                for (path, display) in files {
                    if inFolder {
                        if ExportFolderReader.isHidden(String(path.dropFirst(root.count))) { skipped.append((display, "hidden file")); continue }
                        if let reason = ExportFolderReader.skipReason((path as NSString).lastPathComponent) {
                            skipped.append((display, reason.replacingOccurrences(of: ", skipped", with: ""))); continue
                        }
                    }
                    // Other exports in a folder are recognised, not read.
                    let wanted: (@Sendable (ExportKind) -> Bool)? = inFolder ? Self.onlySignInLogs : nil
                    let result = ExportFileReader.read(path: path, displayPath: display, progress: progress, dateOrder: input.dateOrder, wanted: wanted)
                    let kind = result.file.kind
                    if let error = result.file.error {
                        // A bad file that is (or may be) a sign-in log is an error; a bad export of
                        // another kind in a folder is only skipped.
                        if inFolder, let kind, !kind.isSignInLog { skipped.append((display, "\(kind.title) export, not read: \(error.message)")) }
                        else { errors.append(error) }
                        continue
                    }
                    guard let kind, kind.isSignInLog, let snapshot = result.snapshot else {
                        let what = kind.map { "\($0.title) export" } ?? (result.file.unrecognizedReason ?? "not recognised")
                        if inFolder { skipped.append((display, what)) }
                        else { errors.append(IngestError(.unrecognized, file: display, "not a sign-in log (\(what))")) }
                        continue
                    }
                    for w in result.file.warnings { StandardError.write("warning: \(display): \(w)\n") }
                    summary.merge(snapshot.signIns)
                    signInLogs += 1
                }
            }
            if !skipped.isEmpty {
                StandardError.write("skipped \(skipped.count) file(s) that are not sign-in logs:\n" + skipped.map { "  \($0.file): \($0.why)\n" }.joined())
            }
            if signInLogs == 0 && errors.isEmpty {
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
