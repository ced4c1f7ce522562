import ArgumentParser
import AuthShiftCore
import Ingest

/// Maps reading errors to the documented exit statuses (see `ExitStatus`).
enum ExitMapping {
    static func status(for errors: [IngestError]) -> ExitStatus {
        if errors.isEmpty { return .success }
        if errors.allSatisfy({ $0.kind == .missingInput }) { return .noInput }
        return .dataError
    }

    static func exit(_ status: ExitStatus) -> ExitCode { ExitCode(status.rawValue) }

    /// Prints every error to standard error, one per line, in `file:line: message` form.
    static func report(_ errors: [IngestError]) {
        for e in errors { StandardError.write("error: \(e.description)\n") }
    }
}
