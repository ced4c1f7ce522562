import Foundation

/// Writes a file so that it either appears whole or not at all: into a hidden temporary file
/// beside it, flushed to disk, then renamed over the target (rename(2) is atomic within a file
/// system). A run killed mid-write leaves at most a hidden temporary file, which `assess` skips.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws(CollectError) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder as NSString).appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
        let manager = FileManager.default
        do {
            guard manager.createFile(atPath: temporary, contents: nil) else {
                throw CollectError.output(path: temporary, reason: "cannot create the file")
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            defer { try? handle.close() }
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw .output(path: path, reason: (error as? CollectError)?.description ?? "\(error)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(atPath: temporary)
            throw .output(path: path, reason: reason)
        }
    }
}
