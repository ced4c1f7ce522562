import ArgumentParser
import AuthShiftCore
import Foundation

/// One file the user names with `--output` (a collector script, an exported message): an
/// existing file is never replaced without `--force`, and a file that cannot be written is
/// exit status 73 (`ExitStatus.cannotCreate`), as for `--out` folders.
enum OutputFile {
    /// Writes `data` to `path`, refusing an existing file unless `force`.
    static func write(_ data: Data, to path: String, force: Bool) throws {
        if FileManager.default.fileExists(atPath: path) && !force {
            StandardError.write("error: \(path) exists; use --force to replace it\n")
            throw ExitCode(ExitStatus.cannotCreate.rawValue)
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            StandardError.write("error: cannot write \(path): \(error.localizedDescription)\n")
            throw ExitCode(ExitStatus.cannotCreate.rawValue)
        }
    }
}
