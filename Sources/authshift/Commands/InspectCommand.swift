import ArgumentParser
import Ingest
import Reports

/// `authshift inspect`: what is in an exports folder, file by file.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "List every file with the export kind recognised, rows, date range, variant and warnings.",
        discussion: """
            Files are recognised by content, not by name. Unrecognised files are listed with the reason. \
            Malformed files are named with the line (and field) of the problem and make the exit status 65; \
            without --keep-going only the problems are printed.
            """
    )

    @OptionGroup var input: ExportInputOptions

    @Option(help: "Output format: table or json.")
    var format: TableOrJSON = .table

    func run() throws {
        let result: ExportFolderReader.Result
        do {
            result = try ExportFolderReader.read(input.paths, progress: TerminalProgress.make(), dateOrder: input.dateOrder)
        } catch let error as IngestError {
            ExitMapping.report([error])
            throw ExitMapping.exit(ExitMapping.status(for: [error]))
        }
        let errors = result.errors
        let shown = errors.isEmpty || input.keepGoing ? result.files : result.files.filter { $0.error != nil }
        switch format {
        case .json: StandardOutput.write(try InspectionReport.json(shown))
        case .table: StandardOutput.write(InspectionReport.table(shown))
        }
        if !errors.isEmpty {
            if format == .json { ExitMapping.report(errors) }
            if !input.keepGoing {
                StandardError.write("\(errors.count) file(s) could not be read; fix them, or use --keep-going to see the rest.\n")
            }
            throw ExitMapping.exit(ExitMapping.status(for: errors))
        }
    }
}
