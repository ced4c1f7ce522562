import Ingest

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    private let systemRead = Darwin.read
#endif

/// Reads a whole source file with as few system calls as possible (open, fstat, read,
/// close): a scan opens tens of thousands of small files. UTF-16 files are decoded to
/// UTF-8 through the Ingest decoder; a UTF-8 BOM is dropped.
enum FileBytes {
    enum Outcome {
        case text
        case binary
        case tooLarge
        case unreadable
    }

    /// Reads the file into `buffer` (resized to the file, its storage reused from file to file:
    /// each scan worker keeps one). `.text` means `buffer` holds UTF-8.
    static func read(path: String, limit: Int, into buffer: inout [UInt8]) -> Outcome {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .unreadable }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .unreadable }
        let size = Int(info.st_size)
        if size > limit { return .tooLarge }
        if buffer.count > size {
            buffer.removeLast(buffer.count - size)
        } else {
            buffer.append(contentsOf: repeatElement(0, count: size - buffer.count))
        }
        var done = 0
        while done < size {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress! + done, size - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return .unreadable
            }
            if n == 0 { break }
            done += n
        }
        if done < size { buffer.removeSubrange(done...) }
        if buffer.count >= 2, (buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF) {
            guard let source = try? UTF8ChunkSource(path: path), let decoded = try? source.readAll() else { return .unreadable }
            buffer = decoded
            return .text
        }
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { buffer.removeFirst(3) }
        let hasNUL = buffer.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, 0, min(raw.count, 8192)) != nil } ?? false }
        if hasNUL {
            // UTF-16 without a BOM has NULs in every other byte; anything else with NULs is binary.
            let sample = Array(buffer.prefix(512))
            if sample.count >= 4, SourceEncoding.sniffBytes(sample) != .utf8,
                let source = try? UTF8ChunkSource(path: path), let decoded = try? source.readAll()
            {
                buffer = decoded
                return .text
            }
            return .binary
        }
        return .text
    }

    /// The file's text, in a buffer of its own.
    static func read(path: String, limit: Int) -> (Outcome, [UInt8]) {
        var buffer: [UInt8] = []
        let outcome = read(path: path, limit: limit, into: &buffer)
        return (outcome, buffer)
    }
}

extension SourceEncoding {
    static func sniffBytes(_ bytes: [UInt8]) -> SourceEncoding {
        bytes.withUnsafeBufferPointer { SourceEncoding.sniff($0).0 }
    }
}
