import AuthShiftCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming CSV reader that scans bytes and decodes only the fields asked for.
///
/// It reads what Export-Csv (Windows PowerShell 5.1 and 7), the Entra portal, Log
/// Analytics and the Graph reports write (docs/exports.md#common-rules): a BOM or UTF-16 (via
/// `UTF8ChunkSource`), an optional `#TYPE` first line, `,` `;` or tab delimiters (sniffed
/// from the header), quoted and unquoted fields, `""` escapes, CRLF or LF, and line breaks
/// inside quoted fields. Memory stays constant: the buffer holds one chunk plus the
/// record being parsed.
///
/// Field positions point into the buffer and are valid until the next `nextRecord()`.
/// Errors carry the physical line where the offending record or field starts.
public final class CSVStreamReader {
    /// A record larger than this is reported as malformed (almost always an unbalanced quote
    /// that swallowed the rest of the file) instead of buffering without bound.
    public static let maximumRecordBytes = 64 << 20

    public let fileName: String
    public let source: UTF8ChunkSource
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// The text after `#TYPE ` when Windows PowerShell wrote a type line.
    public private(set) var typeName: String?
    public private(set) var header = CSVHeader(names: [])
    /// 1-based physical line on which the current record starts.
    public private(set) var recordLine = 0
    /// Physical lines consumed so far.
    public private(set) var linesRead = 0

    @usableFromInline var buffer: UnsafeMutableBufferPointer<UInt8>
    @usableFromInline var start = 0
    @usableFromInline var end = 0
    private var sourceDone = false
    @usableFromInline var spans: [FieldSpan] = []

    /// Where a field's bytes are in the buffer; `escaped` when it holds `""` pairs.
    @usableFromInline struct FieldSpan {
        @usableFromInline var start: Int
        @usableFromInline var end: Int
        @usableFromInline var quoted: Bool
        @usableFromInline var escaped: Bool
    }

    public init(source: UTF8ChunkSource, chunkSize: Int = 1 << 20) {
        self.source = source
        self.fileName = source.path
        buffer = .allocate(capacity: max(chunkSize, 64))
    }

    public convenience init(path: String, chunkSize: Int = 1 << 20) throws {
        try self.init(source: UTF8ChunkSource(path: path), chunkSize: chunkSize)
    }

    deinit { buffer.deallocate() }

    /// File offset of the first byte not yet parsed (UTF-8 sources only).
    public var unparsedOffset: Int64 { source.deliveredOffset - Int64(end - start) }

    /// True when the last error was a quoted field still open at the end of the input.
    public private(set) var endedInsideQuotes = false

    /// Continues a file whose header another reader has read (a range of the same file).
    public func adopt(header: CSVHeader, delimiter: UInt8) {
        self.header = header
        self.delimiter = delimiter
    }

    // MARK: header

    /// Reads the optional `#TYPE` line and the header row, and sniffs the delimiter.
    /// Returns false for an empty file.
    @discardableResult
    public func readHeader() throws -> Bool {
        try ensureLineAvailable()
        if hasPrefix("#TYPE") {
            let lineEnd = findLineEnd(from: start)
            typeName = String(decoding: UnsafeBufferPointer(rebasing: buffer[(start + 5)..<lineEnd]), as: UTF8.self)
                .trimming(" \t\r")
            start = skipLineBreak(at: lineEnd)
            linesRead += 1
            try ensureLineAvailable()
        }
        while start < end, buffer[start] == UInt8(ascii: "\n") || buffer[start] == UInt8(ascii: "\r") {
            start = skipLineBreak(at: start)
            linesRead += 1
            try ensureLineAvailable()
        }
        guard start < end else { return false }
        delimiter = sniffDelimiter(lineEnd: findLineEnd(from: start))
        guard try nextRecord() else { return false }
        var names: [String] = []
        for i in 0..<spans.count { names.append(string(at: i) ?? "") }
        header = CSVHeader(names: names)
        return true
    }

    private func hasPrefix(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard end - start >= count else { return false }
        let p = text.utf8Start
        for i in 0..<count where buffer[start + i] != p[i] { return false }
        return true
    }

    private func findLineEnd(from: Int) -> Int {
        var i = from
        while i < end, buffer[i] != UInt8(ascii: "\n"), buffer[i] != UInt8(ascii: "\r") { i += 1 }
        return i
    }

    private func skipLineBreak(at i: Int) -> Int {
        var j = i
        if j < end, buffer[j] == UInt8(ascii: "\r") { j += 1 }
        if j < end, buffer[j] == UInt8(ascii: "\n") { j += 1 }
        return j
    }

    /// Makes sure a whole physical line (or the rest of the file) is in the buffer.
    private func ensureLineAvailable() throws {
        while !sourceDone {
            if findLineEnd(from: start) < end { return }
            try refill()
        }
    }

    /// Counts `,` `;` and tab outside quotes in the header line; the most frequent wins.
    private func sniffDelimiter(lineEnd: Int) -> UInt8 {
        var comma = 0
        var semicolon = 0
        var tab = 0
        var inQuotes = false
        for i in start..<lineEnd {
            switch buffer[i] {
            case UInt8(ascii: "\""): inQuotes.toggle()
            case UInt8(ascii: ",") where !inQuotes: comma += 1
            case UInt8(ascii: ";") where !inQuotes: semicolon += 1
            case UInt8(ascii: "\t") where !inQuotes: tab += 1
            default: break
            }
        }
        if semicolon > comma && semicolon >= tab { return UInt8(ascii: ";") }
        if tab > comma && tab > semicolon { return UInt8(ascii: "\t") }
        return UInt8(ascii: ",")
    }

    // MARK: buffer

    /// Moves the unparsed tail to the front, grows the buffer if one record fills it, and reads more.
    private func refill() throws {
        if start > 0 {
            let remaining = end - start
            if remaining > 0 {
                UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(
                    from: buffer.baseAddress! + start, byteCount: remaining)
            }
            start = 0
            end = remaining
        }
        if end == buffer.count {
            guard buffer.count < CSVStreamReader.maximumRecordBytes else {
                throw IngestError(
                    .malformed, file: fileName, line: linesRead + 1,
                    "a record starting here is larger than \(CSVStreamReader.maximumRecordBytes >> 20) MiB; is a quote unbalanced?")
            }
            let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
            UnsafeMutableRawPointer(bigger.baseAddress!).copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = bigger
        }
        let n = try source.read(into: UnsafeMutableBufferPointer(rebasing: buffer[end...]))
        if n == 0 { sourceDone = true }
        end += n
    }

    // MARK: records

    private enum ParseOutcome {
        case record(next: Int, lines: Int)
        case needMore
        case blankLine(next: Int)
        case endOfInput
        case unterminatedQuote(field: Int, lines: Int)
        case junkAfterQuote(field: Int, openedAt: Int, lines: Int, byte: UInt8)
    }

    /// Advances to the next record; returns false at the end of the file.
    public func nextRecord() throws -> Bool {
        while true {
            switch parseRecord() {
            case .record(let next, let lines):
                recordLine = linesRead + 1
                linesRead += lines
                start = next
                return true
            case .blankLine(let next):
                linesRead += 1
                start = next
            case .endOfInput:
                return false
            case .needMore:
                try refill()
            case .unterminatedQuote(let field, let lines):
                endedInsideQuotes = true
                throw IngestError(
                    .malformed, file: fileName, line: linesRead + 1 + lines, field: fieldName(field),
                    "quoted field opened here is never closed (unbalanced quote)")
            case .junkAfterQuote(let field, let openedAt, let lines, let byte):
                let closing = lines == openedAt ? "" : " (the quoted field opened here closes on line \(linesRead + 1 + lines))"
                throw IngestError(
                    .malformed, file: fileName, line: linesRead + 1 + openedAt, field: fieldName(field),
                    "unexpected character \(ByteDescription.describe(byte)) after a closing quote\(closing); expected the delimiter or the end of the line. Is a quote unbalanced?"
                )
            }
        }
    }

    private func fieldName(_ index: Int) -> String {
        index < header.names.count ? header.names[index] : "column \(index + 1)"
    }

    /// Parses one record starting at `start`. Never reads past `end`; reports `.needMore`
    /// when the record may continue beyond the bytes in the buffer.
    private func parseRecord() -> ParseOutcome {
        let base = buffer.baseAddress!
        let eof = sourceDone
        let delimiter = self.delimiter
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        spans.removeAll(keepingCapacity: true)
        var i = start
        if i >= end { return eof ? .endOfInput : .needMore }
        if base[i] == lf || base[i] == cr {
            if base[i] == cr {
                if i + 1 >= end && !eof { return .needMore }
                return .blankLine(next: (i + 1 < end && base[i + 1] == lf) ? i + 2 : i + 1)
            }
            return .blankLine(next: i + 1)
        }
        var lines = 0
        while true {
            if i < end && base[i] == quote {
                i += 1
                let fieldStart = i
                let openedAt = lines
                var escaped = false
                while true {
                    let k = CSVStreamReader.findQuoteOrLineFeed(base, from: i, end: end)
                    guard k < end else {
                        if !eof { return .needMore }
                        return .unterminatedQuote(field: spans.count, lines: openedAt)
                    }
                    if base[k] == lf {
                        lines += 1
                        i = k + 1
                        continue
                    }
                    let q = k
                    if q + 1 >= end {
                        if !eof { return .needMore }
                        i = q + 1
                        spans.append(FieldSpan(start: fieldStart, end: q, quoted: true, escaped: escaped))
                        break
                    }
                    if base[q + 1] == quote {
                        escaped = true
                        i = q + 2
                        continue
                    }
                    i = q + 1
                    spans.append(FieldSpan(start: fieldStart, end: q, quoted: true, escaped: escaped))
                    break
                }
                if i < end {
                    let b = base[i]
                    if b != delimiter && b != cr && b != lf {
                        return .junkAfterQuote(field: spans.count - 1, openedAt: openedAt, lines: lines, byte: b)
                    }
                }
            } else {
                let fieldStart = i
                i = CSVStreamReader.findFieldEnd(base, from: i, end: end, delimiter: delimiter)
                if i >= end && !eof { return .needMore }
                spans.append(FieldSpan(start: fieldStart, end: i, quoted: false, escaped: false))
            }
            if i >= end {
                if !eof { return .needMore }
                return .record(next: i, lines: 1)
            }
            let b = base[i]
            if b == delimiter {
                i += 1
                if i >= end && !eof { return .needMore }
                if i >= end || base[i] == lf || base[i] == cr {
                    spans.append(FieldSpan(start: i, end: i, quoted: false, escaped: false))
                    if i >= end { return .record(next: i, lines: 1) }
                } else {
                    continue
                }
            }
            if base[i] == cr {
                if i + 1 >= end && !eof { return .needMore }
                let next = (i + 1 < end && base[i + 1] == lf) ? i + 2 : i + 1
                return .record(next: next, lines: lines + 1)
            }
            return .record(next: i + 1, lines: lines + 1)
        }
    }

    // MARK: byte scanning
    //
    // Eight bytes at a time (SWAR): `x ^ pattern` has a zero byte where the byte matches,
    // and `(x - 0x01..) & ~x & 0x80..` sets the high bit of the lowest zero byte exactly
    // (higher bytes may be false positives, so only the lowest set bit is used).

    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    static func zeroByteMask(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (UInt64(byte) &* ones)
        return (x &- ones) & ~x & highs
    }

    /// Index of the first `"` or LF at or after `from`, or `end`.
    @inline(__always)
    static func findQuoteOrLineFeed(_ base: UnsafeMutablePointer<UInt8>, from: Int, end: Int) -> Int {
        var j = from
        while j + 8 <= end {
            let w = UInt64(littleEndian: UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
            let m = zeroByteMask(w, 0x22) | zeroByteMask(w, 0x0A)
            if m != 0 { return j + m.trailingZeroBitCount >> 3 }
            j += 8
        }
        while j < end, base[j] != 0x22, base[j] != 0x0A { j += 1 }
        return j
    }

    /// Index of the first delimiter, CR or LF at or after `from`, or `end`.
    @inline(__always)
    static func findFieldEnd(_ base: UnsafeMutablePointer<UInt8>, from: Int, end: Int, delimiter: UInt8) -> Int {
        var j = from
        while j + 8 <= end {
            let w = UInt64(littleEndian: UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
            let m = zeroByteMask(w, delimiter) | zeroByteMask(w, 0x0A) | zeroByteMask(w, 0x0D)
            if m != 0 { return j + m.trailingZeroBitCount >> 3 }
            j += 8
        }
        while j < end, base[j] != delimiter, base[j] != 0x0A, base[j] != 0x0D { j += 1 }
        return j
    }

    // MARK: field access

    /// Number of fields in the current record.
    public var fieldCount: Int { spans.count }

    /// The field's text, or nil when the record has no such field.
    public func string(at index: Int) -> String? {
        guard index >= 0, index < spans.count else { return nil }
        let span = spans[index]
        let bytes = UnsafeBufferPointer(rebasing: buffer[span.start..<span.end])
        if !span.escaped { return String(decoding: bytes, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            unescaped.append(bytes[i])
            i += (bytes[i] == UInt8(ascii: "\"") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"")) ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// True when the field is absent or has no characters (`,,` or `,"",`).
    public func isEmpty(at index: Int) -> Bool {
        guard index >= 0, index < spans.count else { return true }
        return spans[index].start == spans[index].end
    }

    /// Whether the field was written in quotes (`""` versus nothing tells AutomationNull from `$null`).
    public func isQuoted(at index: Int) -> Bool {
        guard index >= 0, index < spans.count else { return false }
        return spans[index].quoted
    }

    /// Calls `body` with the raw bytes of a field (escapes not removed) without making a String.
    @inlinable
    public func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard index >= 0, index < spans.count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let span = spans[index]
        return body(UnsafeBufferPointer(rebasing: buffer[span.start..<span.end]))
    }

    /// The current record as strings (for small exports that are read whole).
    public func allStrings() -> [String] {
        (0..<spans.count).map { string(at: $0) ?? "" }
    }
}
