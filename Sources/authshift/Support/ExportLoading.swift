import ArgumentParser
import Ingest

/// Reads the exports for a command, applying `--keep-going`: without it, any bad file
/// stops the command (exit 65/66) after naming every bad file.
enum ExportLoading {
    static func load(_ input: ExportInputOptions, extra: [String] = []) throws -> ExportFolderReader.Result {
        let result: ExportFolderReader.Result
        do {
            result = try ExportFolderReader.read(input.paths + extra, progress: TerminalProgress.make(), dateOrder: input.dateOrder,
                                                 signInDetail: .legacyDetail)
        } catch let error as IngestError {
            ExitMapping.report([error])
            throw ExitMapping.exit(ExitMapping.status(for: [error]))
        }
        for f in result.files where f.error == nil {
            for w in f.warnings { StandardError.write("warning: \(f.path): \(w)\n") }
        }
        if !result.errors.isEmpty {
            ExitMapping.report(result.errors)
            if !input.keepGoing {
                StandardError.write("\(result.errors.count) file(s) could not be read; nothing was written. Fix them, or use --keep-going to use the rest.\n")
                throw ExitMapping.exit(ExitMapping.status(for: result.errors))
            }
        }
        return result
    }
}
