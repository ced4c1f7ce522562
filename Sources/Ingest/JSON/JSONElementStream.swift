/// Yields the records of a JSON export one at a time, in constant memory per record.
///
/// The shapes Microsoft's tools write (docs/exports.md#sign-in-logs-json):
/// - a top-level array (portal JSON download, `ConvertTo-Json` of several objects);
/// - a Graph page `{"@odata.context": ..., "value": [...], "@odata.nextLink": ...}`;
/// - a single object (`ConvertTo-Json` of one object, Graph singletons such as the
///   security defaults policy);
/// - JSON lines: one value per line (`ConvertTo-Json -Compress` in a loop, Graph exports
///   written page by page).
///
/// Members of a Graph page other than `value` are kept in `pageMembers`.
public final class JSONElementStream {
    public enum Shape: String, Sendable, Codable {
        case array
        case graphPage = "graph-page"
        case singleObject = "single-object"
        case jsonLines = "json-lines"
        case empty
    }

    /// Largest single record accepted before the file is reported as malformed.
    public static let maximumElementBytes = 256 << 20

    public let fileName: String
    public let source: UTF8ChunkSource
    public private(set) var shape: Shape = .empty
    public private(set) var pageMembers: [(key: String, value: JSONValue)] = []
    /// 1-based line where the last returned record starts.
    public private(set) var elementLine = 1

    private var buffer: [UInt8] = []
    private var pos = 0
    private var linesBeforePos = 0
    private var sourceDone = false
    private let chunkSize: Int

    private enum State {
        case start
        case topObject(first: Bool)
        case array(first: Bool, insideTopObject: Bool)
        case afterTop, done
    }
    private var state: State = .start
    private var sawValueArray = false

    public init(source: UTF8ChunkSource, chunkSize: Int = 1 << 20) {
        self.source = source
        self.fileName = source.path
        self.chunkSize = chunkSize
    }

    public convenience init(path: String) throws {
        try self.init(source: UTF8ChunkSource(path: path))
    }

    /// The next record, or nil when the file is exhausted.
    public func next() throws -> JSONValue? {
        while true {
            switch state {
            case .done:
                return nil
            case .start:
                guard let b = try peekByte() else {
                    state = .done
                    return nil
                }
                if b == UInt8(ascii: "[") {
                    try commit(pos + 1)
                    shape = .array
                    state = .array(first: true, insideTopObject: false)
                } else if b == UInt8(ascii: "{") {
                    try commit(pos + 1)
                    state = .topObject(first: true)
                } else {
                    throw failure(at: pos, "expected '[' or '{' at the start of a JSON export, found \(ByteDescription.describe(b))")
                }
            case .topObject(let first):
                if !first {
                    let b = try peekByte()
                    if b == UInt8(ascii: "}") {
                        try commit(pos + 1)
                        state = .afterTop
                        if !sawValueArray {
                            shape = .singleObject
                            let object = JSONObject(pageMembers)
                            pageMembers = []
                            return .object(object)
                        }
                        continue
                    }
                    guard b == UInt8(ascii: ",") else {
                        throw b == nil
                            ? truncatedFailure()
                            : failure(at: pos, "expected ',' or '}' in an object, found \(ByteDescription.describe(b!))")
                    }
                    try commit(pos + 1)
                } else if try peekByte() == UInt8(ascii: "}") {
                    try commit(pos + 1)
                    state = .afterTop
                    shape = .singleObject
                    return .object(JSONObject())
                }
                let key = try step { (parser: inout JSONParser) throws(JSONParser.Failure) in try parser.parseKey() }
                if key.lowercased() == "value", try peekByte() == UInt8(ascii: "[") {
                    try commit(pos + 1)
                    sawValueArray = true
                    shape = .graphPage
                    state = .array(first: true, insideTopObject: true)
                } else {
                    let value = try step { (parser: inout JSONParser) throws(JSONParser.Failure) in try parser.parseValue(depth: 1) }
                    pageMembers.append((key, value))
                    state = .topObject(first: false)
                }
            case .array(let first, let inside):
                let b = try peekByte()
                if b == UInt8(ascii: "]") {
                    try commit(pos + 1)
                    state = inside ? .topObject(first: false) : .afterTop
                    continue
                }
                if !first {
                    guard b == UInt8(ascii: ",") else {
                        throw b == nil
                            ? truncatedFailure()
                            : failure(at: pos, "expected ',' or ']' in an array, found \(ByteDescription.describe(b!))")
                    }
                    try commit(pos + 1)
                }
                _ = try peekByte()
                elementLine = linesBeforePos + 1
                let value = try step { (parser: inout JSONParser) throws(JSONParser.Failure) in try parser.parseValue(depth: 1) }
                state = .array(first: false, insideTopObject: inside)
                return value
            case .afterTop:
                guard try peekByte() != nil else {
                    state = .done
                    return nil
                }
                // More values after the first: JSON lines.
                shape = .jsonLines
                elementLine = linesBeforePos + 1
                let value = try step { (parser: inout JSONParser) throws(JSONParser.Failure) in try parser.parseValue(depth: 0) }
                return value
            }
        }
    }

    // MARK: buffer

    /// Runs `body` on the buffered bytes from `pos`; on truncation reads more and retries.
    private func step<T>(_ body: (inout JSONParser) throws(JSONParser.Failure) -> T) throws -> T {
        while true {
            let complete = sourceDone
            let outcome: Result<(T, Int), JSONParser.Failure> = buffer.withUnsafeBufferPointer { bytes in
                var parser = JSONParser(bytes: bytes, position: pos, inputIsComplete: complete)
                do throws(JSONParser.Failure) {
                    let value = try body(&parser)
                    return .success((value, parser.position))
                } catch {
                    return .failure(error)
                }
            }
            switch outcome {
            case .success(let (value, end)):
                try commit(end)
                return value
            case .failure(.truncated):
                if sourceDone { throw truncatedFailure() }
                try refill()
            case .failure(.invalid(let offset, let message)):
                throw failure(at: offset, message)
            }
        }
    }

    /// Skips whitespace (reading more as needed) and returns the next byte without consuming it.
    private func peekByte() throws -> UInt8? {
        while true {
            while pos < buffer.count {
                switch buffer[pos] {
                case 0x0A:
                    linesBeforePos += 1
                    pos += 1
                case 0x20, 0x09, 0x0D: pos += 1
                default: return buffer[pos]
                }
            }
            if sourceDone { return nil }
            try refill()
        }
    }

    private func commit(_ newPos: Int) throws {
        var i = pos
        while i < newPos {
            if buffer[i] == 0x0A { linesBeforePos += 1 }
            i += 1
        }
        pos = newPos
    }

    private func refill() throws {
        if pos > 0 {
            buffer.removeSubrange(0..<pos)
            pos = 0
        }
        guard buffer.count < JSONElementStream.maximumElementBytes else {
            throw failure(at: 0, "a single record is larger than \(JSONElementStream.maximumElementBytes >> 20) MiB")
        }
        let old = buffer.count
        let want = max(chunkSize, old)
        buffer.append(contentsOf: repeatElement(0, count: want))
        let n = try buffer.withUnsafeMutableBufferPointer { try source.read(into: UnsafeMutableBufferPointer(rebasing: $0[old...])) }
        buffer.removeSubrange((old + n)...)
        if n == 0 { sourceDone = true }
    }

    private func line(at offset: Int) -> Int {
        var line = linesBeforePos + 1
        var i = pos
        while i < min(offset, buffer.count) {
            if buffer[i] == 0x0A { line += 1 }
            i += 1
        }
        return line
    }

    private func failure(at offset: Int, _ message: String) -> IngestError {
        IngestError(.malformed, file: fileName, line: line(at: offset), message)
    }

    private func truncatedFailure() -> IngestError {
        IngestError(
            .malformed, file: fileName, line: line(at: buffer.count),
            "the JSON ends in the middle of a value (truncated download or copy?)")
    }
}
