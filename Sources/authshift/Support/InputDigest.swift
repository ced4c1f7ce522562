import AuthShiftCore
import Crypto
import Foundation
import Ingest

/// SHA-256 of an input file, streamed in 1 MiB reads, recorded in the register so a
/// reviewer can tell exactly which exports a plan came from. Computed here, where the run reads
/// its inputs, so Analysis neither opens files nor links a hash library.
enum InputDigest {
    /// The digest of every file the run read, by the path the register records.
    static func sha256(of files: [InspectedFile]) -> [String: String] {
        var digests: [String: String] = [:]
        for file in files where file.kind != nil && file.error == nil {
            digests[file.path] = sha256(path: file.path)
        }
        return digests
    }

    static func sha256(path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            guard let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { $0.zeroPadded(2, radix: 16) }.joined()
    }
}
