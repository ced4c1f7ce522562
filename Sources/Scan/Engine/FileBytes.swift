#if canImport(Glibc)
import Glibc
#endif
import Ingest

/// Reads a whole source file with as few system calls as possible (open, fstat, read,
/// close): a scan opens tens of thousands of small files. UTF-16 files are decoded to
/// UTF-8 through the Ingest decoder; a UTF-8 BOM is dropped.
enum FileBytes {
    enum Outcome {
        case text([UInt8])
        case binary
        case tooLarge
        case unreadable
    }

    static func read(path: String, limit: Int) -> Outcome {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .unreadable }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .unreadable }
        let size = Int(info.st_size)
        if size > limit { return .tooLarge }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, size - done) }
            if n < 0 { if errno == EINTR { continue }; return .unreadable }
            if n == 0 { break }
            done += n
        }
        if done < size { bytes.removeSubrange(done...) }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            guard let source = try? UTF8ChunkSource(path: path), let decoded = try? source.readAll() else { return .unreadable }
            return .text(decoded)
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes.removeFirst(3) }
        if bytes.prefix(8192).contains(0) {
            // UTF-16 without a BOM has NULs in every other byte; anything else with NULs is binary.
            let sample = Array(bytes.prefix(512))
            if sample.count >= 4, SourceEncoding.sniffBytes(sample) != .utf8,
               let source = try? UTF8ChunkSource(path: path), let decoded = try? source.readAll() {
                return .text(decoded)
            }
            return .binary
        }
        return .text(bytes)
    }
}

extension SourceEncoding {
    static func sniffBytes(_ bytes: [UInt8]) -> SourceEncoding {
        bytes.withUnsafeBufferPointer { SourceEncoding.sniff($0).0 }
    }
}
