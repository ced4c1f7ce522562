/// Splits PowerShell source into tokens, scanning UTF-8 bytes (about_Parsing,
/// about_Quoting_Rules, about_Comments, about_Special_Characters).
///
/// It knows line and block comments (`<# #>` does not nest, and `#>` means nothing inside a
/// `#` comment), single- and double-quoted strings including the typographic quotes,
/// here-strings, backtick escapes and line continuation, the four dash characters (`-`,
/// U+2013, U+2014, U+2015) before parameters, `-Name:value`, variables, splatting and
/// punctuation. It never gives up: an unterminated string or comment runs to the end of the
/// file, and invalid UTF-8 is carried through as U+FFFD.
///
/// Tokens are byte ranges into the input (`Token`); nothing is copied or allocated per token,
/// which is what lets scan keep pace with a plain text search on script shares (issue 17).
public struct Tokenizer {
    let bytes: [UInt8]
    /// `bytes` while `run` reads them (no bounds checks or array reloads in the hot loop).
    var p = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// `ByteClass.table` and `ByteFlags.table` while `run` reads them.
    var classes = UnsafeBufferPointer<ByteClass>(start: nil, count: 0)
    var flags = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// Comments are kept as tokens only when asked (tests, the fuzz target); the scanner drops them.
    let keepComments: Bool
    var i = 0
    var line = 1
    var lineStart = 0
    /// The storage of the Array `run` is filling: an append is a store and an increment, without
    /// Array's uniqueness and capacity checks on every token (callgrind: a tenth of the tokenizer).
    var out = UnsafeMutablePointer<Token>(bitPattern: MemoryLayout<Token>.alignment)!
    var count = 0
    var capacity = 0
    /// Where the token being read starts (its range ends where the step that read it stopped).
    var tokenStart = 0

    public init(bytes: [UInt8], keepComments: Bool = true) {
        self.bytes = bytes
        self.keepComments = keepComments
        // A UTF-8 BOM is skipped, not removed: token ranges stay offsets in the input.
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            i = 3
            lineStart = 3
        }
    }

    public init(_ text: String) { self.init(bytes: Array(text.utf8)) }

    public static func tokenize(_ text: String) -> TokenizedScript {
        var t = Tokenizer(text)
        return TokenizedScript(bytes: t.bytes, tokens: t.run())
    }

    public static func tokenize(bytes: [UInt8]) -> TokenizedScript {
        var t = Tokenizer(bytes: bytes)
        return TokenizedScript(bytes: bytes, tokens: t.run())
    }

    /// The tokens without comments: what the command parser and the script context read.
    public static func code(bytes: [UInt8]) -> TokenizedScript {
        var t = Tokenizer(bytes: bytes, keepComments: false)
        return TokenizedScript(bytes: bytes, tokens: t.run(), hasComments: false)
    }

    // MARK: character classes (UTF-8 sequences of the typographic characters)

    /// Length of a dash character at `at` (`-` or U+2013/2014/2015), or 0.
    @inline(__always) func dashLength(_ at: Int) -> Int {
        guard at < p.count else { return 0 }
        if p[at] == 0x2D { return 1 }
        if p[at] == 0xE2, at + 2 < p.count, p[at + 1] == 0x80, (0x93...0x95).contains(p[at + 2]) { return 3 }
        return 0
    }

    @inline(__always) func singleQuoteLength(_ at: Int) -> Int { Tokenizer.singleQuoteLength(p, at, p.count) }
    @inline(__always) func doubleQuoteLength(_ at: Int) -> Int { Tokenizer.doubleQuoteLength(p, at, p.count) }

    /// Length of a single-quote character (`'` U+2018 U+2019 U+201A U+201B) at `at` before `end`, or 0.
    @inline(__always)
    static func singleQuoteLength<C: RandomAccessCollection<UInt8>>(_ bytes: C, _ at: Int, _ end: Int) -> Int where C.Index == Int {
        guard at < end else { return 0 }
        if bytes[at] == 0x27 { return 1 }
        if bytes[at] == 0xE2, at + 2 < end, bytes[at + 1] == 0x80, (0x98...0x9B).contains(bytes[at + 2]) { return 3 }
        return 0
    }

    /// Length of a double-quote character (`"` U+201C U+201D U+201E) at `at` before `end`, or 0.
    @inline(__always)
    static func doubleQuoteLength<C: RandomAccessCollection<UInt8>>(_ bytes: C, _ at: Int, _ end: Int) -> Int where C.Index == Int {
        guard at < end else { return 0 }
        if bytes[at] == 0x22 { return 1 }
        if bytes[at] == 0xE2, at + 2 < end, bytes[at + 1] == 0x80, (0x9C...0x9E).contains(bytes[at + 2]) { return 3 }
        return 0
    }

    var column: Int { i - lineStart + 1 }

    mutating func newline(at index: Int) {
        line += 1
        lineStart = index + 1
    }

    /// Appends a token whose value is `value`; its range runs from `tokenStart` to where the
    /// current step stops (set by `run`).
    @inline(__always)
    mutating func emit(
        _ kind: Token.Kind, _ value: Range<Int>, line: Int, column: Int, escaped: Bool = false, attached: Bool = false,
        bracket: Token.Bracket = .none
    ) {
        (out + count).initialize(
            to: Token(
                kind: kind, range: tokenStart..<tokenStart, value: value, line: line, column: column, endLine: self.line,
                escaped: escaped, attachedValue: attached, bracket: bracket))
        count += 1
    }

    /// Whether the byte at `at` has any of `flags` (`ByteFlags`).
    @inline(__always) func has(_ at: Int, _ wanted: UInt8) -> Bool { flags[Int(p[at])] & wanted != 0 }

    // MARK: main loop

    public mutating func run() -> [Token] {
        var tokens: [Token] = []
        bytes.withUnsafeBufferPointer { buffer in
            ByteClass.table.withUnsafeBufferPointer { classTable in
                ByteFlags.table.withUnsafeBufferPointer { flagTable in
                    p = buffer
                    classes = classTable
                    flags = flagTable
                    repeat {
                        // Scripts have about one token in eight bytes: room for one in five fills the
                        // Array in one go; a denser file carries on in another part.
                        let room = (p.count - i) / 5 + 64
                        let part = [Token](unsafeUninitializedCapacity: room) { storage, initialized in
                            out = storage.baseAddress!
                            count = 0
                            capacity = room
                            scan()
                            initialized = count
                        }
                        if tokens.isEmpty { tokens = part } else { tokens += part }
                    } while i < p.count
                }
            }
        }
        p = UnsafeBufferPointer(start: nil, count: 0)
        classes = UnsafeBufferPointer(start: nil, count: 0)
        flags = UnsafeBufferPointer(start: nil, count: 0)
        return tokens
    }

    /// Reads tokens until the input ends or `capacity` tokens are in `out` (each step emits at
    /// most one, so a step always has room).
    mutating func scan() {
        while i < p.count, count < capacity {
            let b = p[i]
            let byteClass = classes[Int(b)]
            if byteClass == .space {
                i = spaceEnd(from: i + 1)
                continue
            }
            // Each step emits at most one token, which spans the bytes the step consumed.
            tokenStart = i
            let emitted = count
            step(b, byteClass, line, column)
            if count > emitted { out[count - 1].end = Int32(truncatingIfNeeded: i) }
        }
    }

    /// The first byte at or after `from` that is not white space (indentation comes in runs).
    @inline(__always) func spaceEnd(from: Int) -> Int {
        let p = self.p
        let classes = self.classes
        var j = from
        while j < p.count, classes[Int(p[j])] == .space { j += 1 }
        return j
    }

    /// Reads the token starting at `i` (`b`, of class `byteClass`, at line `l` and column `c`).
    mutating func step(_ b: UInt8, _ byteClass: ByteClass, _ l: Int, _ c: Int) {
        switch byteClass {
        case .space:
            i += 1
        case .newline:
            emit(.statementEnd, i..<(i + 1), line: l, column: c)
            newline(at: i)
            i += 1
        case .backtick:  // continuation, or an escaped character in a word
            guard i + 1 < p.count, p[i + 1] == 0x0A || p[i + 1] == 0x0D else { return word(l, c) }
            i += 1
            if i < p.count, p[i] == 0x0D { i += 1 }
            if i < p.count, p[i] == 0x0A {
                newline(at: i)
                i += 1
            }
        case .hash:
            lineComment(l, c)
        case .lessThan:
            if i + 1 < p.count, p[i + 1] == 0x23 { blockComment(l, c) } else { word(l, c) }
        case .at:
            at(l, c)
        case .singleQuote:
            singleQuoted(l, c)
        case .doubleQuote:
            doubleQuoted(l, c)
        case .typographic:
            if singleQuoteLength(i) > 0 { return singleQuoted(l, c) }
            if doubleQuoteLength(i) > 0 { return doubleQuoted(l, c) }
            let dash = dashLength(i)
            if dash > 0, i + dash < p.count, isParameterStart(p[i + dash]) { return parameter(dash, l, c) }
            word(l, c)
        case .dollar:
            variable(l, c)
        case .dash:
            if i + 1 < p.count, isParameterStart(p[i + 1]) { parameter(1, l, c) } else { word(l, c) }
        case .semicolon:
            emit(.statementEnd, i..<(i + 1), line: l, column: c)
            i += 1
        case .pipe:
            if i + 1 < p.count, p[i + 1] == 0x7C {
                emit(.punctuation, i..<(i + 2), line: l, column: c)
                i += 2
            } else {
                emit(.pipe, i..<(i + 1), line: l, column: c)
                i += 1
            }
        case .punctuation:
            emit(.punctuation, i..<(i + 1), line: l, column: c, bracket: Tokenizer.bracket(b))
            i += 1
        case .plus:
            guard i + 1 < p.count, p[i + 1] == 0x3D else { return word(l, c) }
            emit(.punctuation, i..<(i + 2), line: l, column: c)
            i += 2
        case .digit:
            number(l, c)
        case .word:
            word(l, c)
        }
    }

    /// The bracket a one-byte punctuation token opens or closes.
    @inline(__always) static func bracket(_ b: UInt8) -> Token.Bracket {
        switch b {
        case 0x28: return .paren
        case 0x7B: return .brace
        case 0x5B: return .type
        case 0x29, 0x7D, 0x5D: return .closer
        default: return .none
        }
    }

    /// `@`: a here-string, `@(`, `@{`, splatting, or part of a word.
    mutating func at(_ l: Int, _ c: Int) {
        if i + 1 < p.count, singleQuoteLength(i + 1) > 0 || doubleQuoteLength(i + 1) > 0,
            hereStringOpens(at: i + 1 + max(singleQuoteLength(i + 1), doubleQuoteLength(i + 1)))
        {
            return hereString(l, c)
        }
        if i + 1 < p.count, p[i + 1] == 0x28 || p[i + 1] == 0x7B {
            emit(.punctuation, i..<(i + 2), line: l, column: c, bracket: p[i + 1] == 0x28 ? .arraySubexpression : .hashtable)
            i += 2
            return
        }
        if i + 1 < p.count, has(i + 1, ByteFlags.name) {
            let j = nameEnd(from: i + 1, also: 0x3A)
            emit(.splat, (i + 1)..<j, line: l, column: c)
            i = j
            return
        }
        word(l, c)
    }

    func isParameterStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x3F || b >= 0x80
    }
}
