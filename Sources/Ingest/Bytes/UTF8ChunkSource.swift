#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `read(2)` under a name that does not collide with `UTF8ChunkSource.read(into:)`.
@inline(__always)
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// Reads a file in chunks and hands out UTF-8 bytes whatever the file's encoding, so
/// every parser above it scans one byte format in constant memory.
///
/// A UTF-8 BOM is dropped; UTF-16 (either byte order, with or without a BOM) is
/// transcoded chunk by chunk, carrying an odd byte or a lone high surrogate across chunk
/// boundaries. Unpaired surrogates become U+FFFD rather than an error: a reader must
/// never give up on a file because of one bad character.
public final class UTF8ChunkSource {
    public let path: String
    public private(set) var encoding: SourceEncoding = .utf8
    /// Size of the file on disk, for progress reporting.
    public let totalBytes: Int64
    /// Raw (undecoded) bytes consumed so far, for progress reporting.
    public private(set) var rawBytesRead: Int64 = 0

    private let fd: Int32
    /// For a ranged source: the next file offset to read and where to stop (pread).
    private var rangeOffset: Int64?
    private var rangeEnd: Int64 = 0
    private var head: [UInt8] = []
    private var headOffset = 0
    private var rawScratch: [UInt8] = []
    private var carry: [UInt8] = []
    private var reachedEOF = false

    public init(path: String) throws {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw IngestError(.missingInput, file: path, "no such file or not readable")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw IngestError(.missingInput, file: path, "is a directory, expected a file")
        }
        let opened = open(path, O_RDONLY)
        guard opened >= 0 else {
            throw IngestError(.missingInput, file: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        fd = opened
        totalBytes = Int64(info.st_size)
        try readHead()
    }

    /// A source over part of a UTF-8 file (no BOM detection), for readers that split one
    /// large file between threads.
    public init(path: String, byteRange: Range<Int64>) throws {
        self.path = path
        let opened = open(path, O_RDONLY)
        guard opened >= 0 else {
            throw IngestError(.missingInput, file: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        fd = opened
        totalBytes = byteRange.upperBound - byteRange.lowerBound
        rangeOffset = byteRange.lowerBound
        rangeEnd = byteRange.upperBound
        encoding = .utf8
    }

    deinit { close(fd) }

    /// File offset just past the bytes handed out so far (UTF-8 sources only).
    public var deliveredOffset: Int64 { rawBytesRead - Int64(head.count - headOffset) }

    private func readHead() throws {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let n = try bytes.withUnsafeMutableBufferPointer { try rawRead(into: $0) }
        bytes.removeSubrange(n...)
        let (detected, bom) = bytes.withUnsafeBufferPointer { SourceEncoding.sniff($0) }
        encoding = detected
        head = bytes
        headOffset = bom
    }

    /// Reads up to `buffer.count` raw bytes; returns 0 only at end of file.
    private func rawRead(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        guard !reachedEOF, buffer.count > 0 else { return 0 }
        if let offset = rangeOffset {
            let want = Int(min(Int64(buffer.count), rangeEnd - offset))
            if want <= 0 { reachedEOF = true; return 0 }
            while true {
                let n = pread(fd, buffer.baseAddress, want, off_t(offset))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw IngestError(.missingInput, file: path, "read failed: \(String(cString: strerror(errno)))")
                }
                if n == 0 { reachedEOF = true }
                rangeOffset = offset + Int64(n)
                rawBytesRead += Int64(n)
                return n
            }
        }
        while true {
            let n = posixRead(fd, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw IngestError(.missingInput, file: path, "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { reachedEOF = true }
            rawBytesRead += Int64(n)
            return n
        }
    }

    /// Fills `buffer` with UTF-8 bytes; returns how many were written, 0 at end of input.
    /// `buffer.count` must be at least 8.
    public func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        switch encoding {
        case .utf8, .utf8BOM:
            if headOffset < head.count {
                let n = min(buffer.count, head.count - headOffset)
                for i in 0..<n { buffer[i] = head[headOffset + i] }
                headOffset += n
                return n
            }
            return try rawRead(into: buffer)
        case .utf16LE, .utf16BE:
            return try readUTF16(into: buffer, littleEndian: encoding == .utf16LE)
        }
    }

    private func readUTF16(into buffer: UnsafeMutableBufferPointer<UInt8>, littleEndian: Bool) throws -> Int {
        // Each UTF-16 code unit yields at most 3 UTF-8 bytes; a surrogate pair (2 units) yields 4.
        let rawWanted = max(4, (buffer.count / 3) * 2)
        var input = carry
        carry.removeAll(keepingCapacity: true)
        if headOffset < head.count {
            input.append(contentsOf: head[headOffset...])
            headOffset = head.count
        }
        while input.count < 4 && !reachedEOF {
            if rawScratch.count < rawWanted { rawScratch = [UInt8](repeating: 0, count: rawWanted) }
            let want = rawWanted - input.count
            let n = try rawScratch.withUnsafeMutableBufferPointer {
                try rawRead(into: UnsafeMutableBufferPointer(rebasing: $0[0..<want]))
            }
            input.append(contentsOf: rawScratch[0..<n])
            if input.count >= rawWanted / 2 { break }
        }
        if input.isEmpty { return 0 }
        var out = 0
        var i = 0
        func unit(_ at: Int) -> UInt32 {
            littleEndian ? UInt32(input[at]) | UInt32(input[at + 1]) << 8
                         : UInt32(input[at]) << 8 | UInt32(input[at + 1])
        }
        func emit(_ scalar: UInt32) {
            switch scalar {
            case 0..<0x80:
                buffer[out] = UInt8(scalar); out += 1
            case 0x80..<0x800:
                buffer[out] = UInt8(0xC0 | (scalar >> 6)); buffer[out + 1] = UInt8(0x80 | (scalar & 0x3F)); out += 2
            case 0x800..<0x10000:
                buffer[out] = UInt8(0xE0 | (scalar >> 12)); buffer[out + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                buffer[out + 2] = UInt8(0x80 | (scalar & 0x3F)); out += 3
            default:
                buffer[out] = UInt8(0xF0 | (scalar >> 18)); buffer[out + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
                buffer[out + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F)); buffer[out + 3] = UInt8(0x80 | (scalar & 0x3F)); out += 4
            }
        }
        while i + 1 < input.count {
            if out + 4 > buffer.count { break }
            let u = unit(i)
            if u >= 0xD800 && u < 0xDC00 {
                if i + 3 < input.count {
                    let low = unit(i + 2)
                    if low >= 0xDC00 && low < 0xE000 {
                        emit(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00))
                        i += 4
                    } else {
                        emit(0xFFFD); i += 2
                    }
                } else if reachedEOF {
                    emit(0xFFFD); i += 2
                } else {
                    break // wait for the low surrogate in the next chunk
                }
            } else if u >= 0xDC00 && u < 0xE000 {
                emit(0xFFFD); i += 2
            } else {
                emit(u); i += 2
            }
        }
        if i < input.count {
            if reachedEOF && input.count - i == 1 && out + 3 <= buffer.count {
                emit(0xFFFD); i = input.count // a lone trailing byte
            } else {
                carry.append(contentsOf: input[i...])
            }
        }
        if out == 0 && !carry.isEmpty && !reachedEOF {
            return try readUTF16(into: buffer, littleEndian: littleEndian)
        }
        return out
    }

    /// Reads the whole remaining input as UTF-8 bytes (for small files and JSON documents).
    public func readAll() throws -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(Int(min(totalBytes, 1 << 30)) + 16)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBufferPointer { try read(into: $0) }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }
}
