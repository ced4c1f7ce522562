import Analysis
import ArgumentParser
import AuthShiftCore
import Foundation
import Ingest

/// Reads the exports for a command, applying `--keep-going`: without it, any bad file
/// stops the command (exit 65/66) after naming every bad file.
enum ExportLoading {
    static func load(_ input: ExportInputOptions, extra: [String] = []) throws -> ExportFolderReader.Result {
        try load(paths: input.paths + extra, keepGoing: input.keepGoing, dateOrder: input.dateOrder)
    }

    static func load(paths: [String], keepGoing: Bool, dateOrder: DayMonthOrder?) throws -> ExportFolderReader.Result {
        let result: ExportFolderReader.Result
        do {
            result = try ExportFolderReader.read(
                paths, progress: TerminalProgress.make(), dateOrder: dateOrder, signInDetail: .legacyDetail)
        } catch let error as IngestError {
            ExitMapping.report([error])
            throw ExitMapping.exit(ExitMapping.status(for: [error]))
        }
        for f in result.files where f.error == nil {
            for w in f.warnings { StandardError.write("warning: \(f.path): \(w)\n") }
        }
        if !result.errors.isEmpty {
            ExitMapping.report(result.errors)
            if !keepGoing {
                StandardError.write(
                    "\(result.errors.count) file(s) could not be read; nothing was written. Fix them, or use --keep-going to use the rest.\n"
                )
                throw ExitMapping.exit(ExitMapping.status(for: result.errors))
            }
        }
        return result
    }

    /// One mailbox's row as of today, from the exports in `folder` (files that cannot be read
    /// are reported and left out, as with --keep-going).
    static func mailbox(_ mailbox: String, in folder: String) throws -> MailboxRow? {
        let loaded = try load(paths: [folder], keepGoing: true, dateOrder: nil)
        let options = AssessOptions(asOf: CalendarDay(utc: Date()), generatedBy: "authshift \(AuthShiftVersion.current)")
        return MailboxLookup.find(mailbox, in: loaded.snapshot, options: options)
    }
}
