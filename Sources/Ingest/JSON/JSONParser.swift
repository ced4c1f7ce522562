/// A JSON parser over UTF-8 bytes (RFC 8259) that reports errors by line and column.
///
/// Written for authshift rather than using Foundation because exports must be rejected
/// with a location the admin can open (a truncated download, a hand-edited file), because
/// sign-in logs are parsed one element at a time from a streaming buffer (the parser
/// reports `.truncated` so the caller can read more and retry), and because it is faster
/// than `JSONSerialization` on Linux. Nesting is capped so hostile input cannot exhaust
/// the stack.
public struct JSONParser {
    public static let maximumDepth = 256

    public enum Failure: Error, Equatable {
        /// The input ended inside a value.
        case truncated(offset: Int)
        case invalid(offset: Int, message: String)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// False while more input may follow the buffer (streaming); a number that touches the
    /// end of an incomplete buffer is then reported as truncated, since it may go on.
    let inputIsComplete: Bool
    public private(set) var position: Int

    public init(bytes: UnsafeBufferPointer<UInt8>, position: Int = 0, inputIsComplete: Bool = true) {
        self.bytes = bytes
        self.position = position
        self.inputIsComplete = inputIsComplete
    }

    /// Parses one complete document: a single value with only whitespace around it.
    public static func parseDocument(_ data: [UInt8]) throws(Failure) -> JSONValue {
        try data.withUnsafeBufferPointer { (buffer) throws(Failure) -> JSONValue in
            var parser = JSONParser(bytes: buffer)
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            if parser.position < buffer.count {
                throw .invalid(
                    offset: parser.position, message: "unexpected \(parser.describeByte(parser.position)) after the end of the JSON value")
            }
            return value
        }
    }

    public var atEnd: Bool { position >= bytes.count }

    public mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Peeks at the next non-whitespace byte.
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// Consumes `byte` if it is next (after whitespace).
    public mutating func consume(_ byte: UInt8) -> Bool {
        if peek() == byte {
            position += 1
            return true
        }
        return false
    }

    func describeByte(_ at: Int) -> String {
        guard at < bytes.count else { return "end of input" }
        return ByteDescription.describe(bytes[at])
    }

    public mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        guard depth < JSONParser.maximumDepth else {
            throw .invalid(offset: position, message: "nested deeper than \(JSONParser.maximumDepth) levels")
        }
        skipWhitespace()
        guard position < bytes.count else { throw .truncated(offset: position) }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object(try parseObject(depth: depth))
        case UInt8(ascii: "["):
            position += 1
            var items: [JSONValue] = []
            if try consumeOrTruncated(UInt8(ascii: "]")) { return .array(items) }
            while true {
                items.append(try parseValue(depth: depth + 1))
                if try consumeOrTruncated(UInt8(ascii: ",")) { continue }
                if try consumeOrTruncated(UInt8(ascii: "]")) { return .array(items) }
                throw .invalid(offset: position, message: "expected ',' or ']' in an array, found \(describeByte(position))")
            }
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default:
            throw .invalid(offset: position, message: "expected a JSON value, found \(describeByte(position))")
        }
    }

    /// Like `consume` but reports truncation when the input ends first.
    mutating func consumeOrTruncated(_ byte: UInt8) throws(Failure) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw .truncated(offset: position) }
        if bytes[position] == byte {
            position += 1
            return true
        }
        return false
    }

    public mutating func parseObject(depth: Int) throws(Failure) -> JSONObject {
        position += 1  // {
        var members: [(key: String, value: JSONValue)] = []
        if try consumeOrTruncated(UInt8(ascii: "}")) { return JSONObject(members) }
        while true {
            let key = try parseKey()
            members.append((key, try parseValue(depth: depth + 1)))
            if try consumeOrTruncated(UInt8(ascii: ",")) { continue }
            if try consumeOrTruncated(UInt8(ascii: "}")) { return JSONObject(members) }
            throw .invalid(offset: position, message: "expected ',' or '}' in an object, found \(describeByte(position))")
        }
    }

    /// Parses `"key" :` and returns the key.
    public mutating func parseKey() throws(Failure) -> String {
        skipWhitespace()
        guard position < bytes.count else { throw .truncated(offset: position) }
        guard bytes[position] == UInt8(ascii: "\"") else {
            throw .invalid(offset: position, message: "expected a quoted member name, found \(describeByte(position))")
        }
        let key = try parseString()
        guard try consumeOrTruncated(UInt8(ascii: ":")) else {
            throw .invalid(offset: position, message: "expected ':' after member name \"\(key)\", found \(describeByte(position))")
        }
        return key
    }

    mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        let p = word.utf8Start
        for i in 0..<count {
            guard position + i < bytes.count else { throw .truncated(offset: position + i) }
            guard bytes[position + i] == p[i] else {
                throw .invalid(offset: position, message: "expected a JSON value, found \(describeByte(position))")
            }
        }
        position += count
    }

    mutating func parseNumber() throws(Failure) -> Double {
        let begin = position
        func digits() -> Int {
            let s = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
            return position - s
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard digits() > 0 else {
            if position >= bytes.count { throw .truncated(offset: position) }
            throw .invalid(offset: begin, message: "malformed number")
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else {
                if position >= bytes.count { throw .truncated(offset: position) }
                throw .invalid(offset: begin, message: "malformed number")
            }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else {
                if position >= bytes.count { throw .truncated(offset: position) }
                throw .invalid(offset: begin, message: "malformed number")
            }
        }
        // A number at the very end of a buffer may continue in the next chunk.
        if position >= bytes.count && !inputIsComplete { throw .truncated(offset: position) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[begin..<position]), as: UTF8.self)
        guard let value = Double(text) else { throw .invalid(offset: begin, message: "malformed number") }
        return value
    }

    mutating func parseString() throws(Failure) -> String {
        position += 1  // opening quote
        let begin = position
        // Fast path: no escapes.
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[begin..<position]), as: UTF8.self)
                position += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw .invalid(offset: position, message: "control character in a string; it must be escaped") }
            position += 1
        }
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[begin..<position]))
        while true {
            guard position < bytes.count else { throw .truncated(offset: position) }
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { throw .invalid(offset: position, message: "control character in a string; it must be escaped") }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                position += 1
                continue
            }
            guard position + 1 < bytes.count else { throw .truncated(offset: position + 1) }
            let e = bytes[position + 1]
            position += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                        position += 2
                        let low = try hex4()
                        if low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            appendUTF8(0xFFFD, to: &out)
                            scalar = low >= 0xD800 && low < 0xE000 ? 0xFFFD : low
                        }
                    } else if position + 1 >= bytes.count {
                        throw .truncated(offset: position)
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar, to: &out)
            default:
                throw .invalid(offset: position - 2, message: "invalid escape \\\(Character(Unicode.Scalar(e)))")
            }
        }
    }

    mutating func hex4() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw .truncated(offset: position) }
        var v: UInt32 = 0
        for i in 0..<4 {
            let b = bytes[position + i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw .invalid(offset: position + i, message: "invalid \\u escape")
            }
            v = v << 4 | d
        }
        position += 4
        return v
    }

    func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(s)).utf8))
    }

    /// Converts a byte offset into a 1-based line and column.
    public static func lineAndColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        let limit = min(offset, bytes.count)
        for i in 0..<limit where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return (line, limit - lineStart + 1)
    }
}
