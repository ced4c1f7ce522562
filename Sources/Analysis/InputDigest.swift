import AuthShiftCore
import Crypto
import Foundation

/// SHA-256 of an input file, streamed in 1 MiB reads, recorded in the register so a
/// reviewer can tell exactly which exports a plan came from.
public enum InputDigest {
    public static func sha256(path: String) -> String? {
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
