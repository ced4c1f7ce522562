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
    private var decoded: [UInt8] = []
    private var decodedOffset = 0
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
            if want <= 0 {
                reachedEOF = true
                return 0
            }
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

    /// Fills `buffer` with UTF-8 bytes; returns how many were written, 0 only at the end of input.
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

    /// Copies decoded UTF-16 text into `buffer`, decoding a further raw chunk when the
    /// decoded queue is empty (so any buffer size works, down to one byte).
    private func readUTF16(into buffer: UnsafeMutableBufferPointer<UInt8>, littleEndian: Bool) throws -> Int {
        if decodedOffset == decoded.count {
            decoded.removeAll(keepingCapacity: true)
            decodedOffset = 0
            while decoded.isEmpty {
                guard try decodeUTF16Chunk(littleEndian: littleEndian) else { return 0 }
            }
        }
        let n = min(buffer.count, decoded.count - decodedOffset)
        for i in 0..<n { buffer[i] = decoded[decodedOffset + i] }
        decodedOffset += n
        return n
    }

    /// Decodes the next raw chunk (plus any carried bytes) into `decoded`.
    /// Returns false when the input is exhausted and nothing is left to decode.
    private func decodeUTF16Chunk(littleEndian: Bool) throws -> Bool {
        var input = carry
        carry.removeAll(keepingCapacity: true)
        if headOffset < head.count {
            input.append(contentsOf: head[headOffset...])
            headOffset = head.count
        }
        if !reachedEOF {
            if rawScratch.isEmpty { rawScratch = [UInt8](repeating: 0, count: 1 << 16) }
            let n = try rawScratch.withUnsafeMutableBufferPointer { try rawRead(into: $0) }
            input.append(contentsOf: rawScratch[0..<n])
        }
        if input.isEmpty { return false }
        func unit(_ at: Int) -> UInt32 {
            littleEndian
                ? UInt32(input[at]) | UInt32(input[at + 1]) << 8
                : UInt32(input[at]) << 8 | UInt32(input[at + 1])
        }
        var i = 0
        while i + 1 < input.count {
            let u = unit(i)
            if u >= 0xD800 && u < 0xDC00 {
                if i + 3 < input.count {
                    let low = unit(i + 2)
                    if low >= 0xDC00 && low < 0xE000 {
                        appendUTF8(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00))
                        i += 4
                    } else {
                        appendUTF8(0xFFFD)
                        i += 2
                    }
                } else if reachedEOF {
                    appendUTF8(0xFFFD)
                    i += 2
                } else {
                    break  // the low surrogate is in the next chunk
                }
            } else if u >= 0xDC00 && u < 0xE000 {
                appendUTF8(0xFFFD)
                i += 2
            } else {
                appendUTF8(u)
                i += 2
            }
        }
        if i < input.count {
            if reachedEOF && input.count - i == 1 {
                appendUTF8(0xFFFD)  // a lone trailing byte
            } else {
                carry.append(contentsOf: input[i...])
            }
        }
        return true
    }

    private func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            decoded.append(UInt8(scalar))
        case 0x80..<0x800:
            decoded.append(UInt8(0xC0 | (scalar >> 6)))
            decoded.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            decoded.append(UInt8(0xE0 | (scalar >> 12)))
            decoded.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            decoded.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            decoded.append(UInt8(0xF0 | (scalar >> 18)))
            decoded.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            decoded.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            decoded.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Reads the whole remaining input as UTF-8 bytes (for small files and JSON documents).
    public func readAll() throws -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(Int(min(totalBytes, 1 << 30)) + 16)
        var chunk = [UInt8](repeating: 0, count: Int(min(Int64(1 << 16), max(totalBytes, 64) + 16)))
        while true {
            let n = try chunk.withUnsafeMutableBufferPointer { try read(into: $0) }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }
}
