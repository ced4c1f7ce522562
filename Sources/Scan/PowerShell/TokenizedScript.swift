/// A script's bytes and the tokens that point into them. The command parser and the script
/// context compare token values as bytes here; a String is made only when a rule needs the
/// text of a token (`text(_:)`).
public struct TokenizedScript: Sendable {
    public let bytes: [UInt8]
    public let tokens: [Token]
    /// Whether `tokens` may hold comments (false once they are dropped).
    let hasComments: Bool

    public init(bytes: [UInt8], tokens: [Token]) {
        self.init(bytes: bytes, tokens: tokens, hasComments: true)
    }

    init(bytes: [UInt8], tokens: [Token], hasComments: Bool) {
        self.bytes = bytes
        self.tokens = tokens
        self.hasComments = hasComments
    }

    /// The same script without its comments (what the parser and the script context read).
    public var code: TokenizedScript {
        guard hasComments else { return self }
        return TokenizedScript(bytes: bytes, tokens: tokens.filter { $0.kind != .comment }, hasComments: false)
    }

    // MARK: values as text

    /// The token's value: a string's content with its escapes applied, a variable's or a
    /// parameter's name, a word with its backticks applied, punctuation as written.
    public func text(_ t: Token) -> String {
        guard t.escaped else { return String(decoding: bytes[t.value], as: UTF8.self) }
        switch t.kind {
        case .singleQuoted: return String(decoding: unescapedSingleQuoted(t.value), as: UTF8.self)
        case .doubleQuoted: return String(decoding: unescapedDoubleQuoted(t.value), as: UTF8.self)
        default: return String(decoding: unescapedWord(t.value), as: UTF8.self)
        }
    }

    /// The value, ASCII letters lower-cased.
    public func lowercased(_ t: Token) -> String {
        guard !t.escaped, bytes[t.value].allSatisfy({ $0 < 0x80 }) else { return text(t).lowercased() }
        return String(unsafeUninitializedCapacity: t.valueCount) { out in
            var n = 0
            for b in bytes[t.value] {
                out[n] = ASCIICase.lower(b)
                n += 1
            }
            return n
        }
    }

    /// Whether the value is `lowercase` ignoring ASCII case (`lowercase` is lower-case ASCII).
    @inline(__always)
    public func `is`(_ t: Token, _ lowercase: StaticString) -> Bool {
        if t.escaped { return text(t).lowercased() == lowercase.description }
        guard t.valueCount == lowercase.utf8CodeUnitCount else { return false }
        var k = Int(t.valueStart)
        let p = lowercase.utf8Start
        for j in 0..<lowercase.utf8CodeUnitCount {
            if ASCIICase.lower(bytes[k]) != p[j] { return false }
            k += 1
        }
        return true
    }

    /// Whether the value is its own text in ASCII (no escapes, no byte above 0x7F), so ASCII case
    /// folding of its bytes is all `lowercased(_:)` does.
    /// Eight bytes at a time: it runs once for every command name.
    func isPlainASCII(_ t: Token) -> Bool {
        guard !t.escaped else { return false }
        return bytes.withUnsafeBytes { raw in
            var k = Int(t.valueStart)
            let end = Int(t.valueEnd)
            var high: UInt64 = 0
            while k + 8 <= end {
                high |= raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                k += 8
            }
            while k < end {
                high |= UInt64(raw[k])
                k += 1
            }
            return high & 0x8080_8080_8080_8080 == 0
        }
    }

    /// Whether `lowercased(t) == lowercase`, comparing bytes when the value is plain ASCII
    /// (Unicode lower-casing, which can change lengths, only for the rest).
    func lowercasedIs(_ t: Token, _ lowercase: StaticString) -> Bool {
        isPlainASCII(t) ? `is`(t, lowercase) : lowercased(t) == lowercase.description
    }

    /// Whether the token is this punctuation (`(`, `@{`, `=` …), compared as bytes.
    @inline(__always)
    func isPunctuation(_ t: Token, _ a: UInt8, _ b: UInt8? = nil) -> Bool {
        guard t.kind == .punctuation else { return false }
        let s = Int(t.valueStart)
        if let b { return t.valueCount == 2 && bytes[s] == a && bytes[s + 1] == b }
        return t.valueCount == 1 && bytes[s] == a
    }

    /// The first byte of the value (0 when it is empty).
    @inline(__always)
    func lead(_ t: Token) -> UInt8 { t.valueEnd > t.valueStart ? bytes[Int(t.valueStart)] : 0 }

    /// The length of the value's text in UTF-8 bytes.
    @inline(__always)
    func textCount(_ t: Token) -> Int { t.escaped ? text(t).utf8.count : t.valueCount }

    /// The first byte of the value's text (0 when it is empty).
    @inline(__always)
    func firstTextByte(_ t: Token) -> UInt8 { t.escaped ? text(t).utf8.first ?? 0 : lead(t) }

    /// Whether the value contains `lowercase` (lower-case ASCII) ignoring ASCII case.
    func contains(_ t: Token, _ lowercase: StaticString) -> Bool {
        if t.escaped { return text(t).containsIgnoringASCIICase(lowercase.description) }
        guard t.valueCount >= lowercase.utf8CodeUnitCount else { return false }
        return bytes.withUnsafeBufferPointer { all in
            lowercase.withUTF8Buffer { ASCIICase.firstIndex(ofLowercase: $0, in: UnsafeBufferPointer(rebasing: all[t.value])) != nil }
        }
    }

    // MARK: escapes (the tokenizer marks the tokens that have any)

    /// A bare word: a backtick takes the byte after it literally.
    func unescapedWord(_ r: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        var k = r.lowerBound
        while k < r.upperBound {
            if bytes[k] == 0x60, k + 1 < r.upperBound {
                out.append(bytes[k + 1])
                k += 2
                continue
            }
            out.append(bytes[k])
            k += 1
        }
        return out
    }

    /// `'…'`: a doubled quote (any of the four single-quote characters) is the second one.
    func unescapedSingleQuoted(_ r: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        var k = r.lowerBound
        while k < r.upperBound {
            let q = Tokenizer.singleQuoteLength(bytes, k, r.upperBound)
            if q > 0 {
                let next = Tokenizer.singleQuoteLength(bytes, k + q, r.upperBound)
                if next > 0 {
                    out.append(contentsOf: bytes[(k + q)..<(k + q + next)])
                    k += q + next
                    continue
                }
            }
            out.append(bytes[k])
            k += 1
        }
        return out
    }

    /// `"…"`: backtick escapes (`n`, `t`, `r`, `0`, anything else as itself), a doubled quote
    /// as `"`, and `$( … )` kept as written.
    func unescapedDoubleQuoted(_ r: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        var k = r.lowerBound
        var depth = 0
        while k < r.upperBound {
            let b = bytes[k]
            if b == 0x60, k + 1 < r.upperBound {
                switch bytes[k + 1] {
                case 0x6E: out.append(0x0A)
                case 0x74: out.append(0x09)
                case 0x72: out.append(0x0D)
                case 0x30: out.append(0x00)
                default: out.append(bytes[k + 1])
                }
                k += 2
                continue
            }
            if b == 0x24, k + 1 < r.upperBound, bytes[k + 1] == 0x28 {
                depth += 1
                out.append(contentsOf: [0x24, 0x28])
                k += 2
                continue
            }
            if b == 0x29, depth > 0 { depth -= 1 }
            if depth == 0 {
                let q = Tokenizer.doubleQuoteLength(bytes, k, r.upperBound)
                if q > 0 {
                    // Inside the string a quote at depth 0 is always doubled.
                    out.append(0x22)
                    k += q + Tokenizer.doubleQuoteLength(bytes, k + q, r.upperBound)
                    continue
                }
            }
            out.append(b)
            k += 1
        }
        return out
    }
}
