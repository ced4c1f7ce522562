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
    /// Comments are kept as tokens only when asked (tests, the fuzz target); the scanner drops them.
    let keepComments: Bool
    var i = 0
    var line = 1
    var lineStart = 0
    var tokens: [Token] = []
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
        tokens.reserveCapacity(bytes.count / 5)
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

    @inline(__always) func singleQuoteLength(_ at: Int) -> Int { Tokenizer.singleQuoteLength(bytes, at, p.count) }
    @inline(__always) func doubleQuoteLength(_ at: Int) -> Int { Tokenizer.doubleQuoteLength(bytes, at, p.count) }

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

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0C || b == 0xA0 }

    /// Bytes that end a bare word: space, tab, LF, CR, FF, `;` `|` `(` `)` `{` `}` `,` `"` `'`
    /// `&`, `]` (it closes a type literal: `[System.Net.Mail.SmtpClient]::new(…)`,
    /// `[xml]$settings`), `=`, and the typographic quotes.
    @inline(__always) func endsWord(_ at: Int) -> Bool {
        switch p[at] {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x3B, 0x7C, 0x28, 0x29, 0x7B, 0x7D, 0x2C, 0x22, 0x27, 0x26, 0x5D, 0x3D: return true
        case 0xE2: return singleQuoteLength(at) > 0 || doubleQuoteLength(at) > 0
        default: return false
        }
    }

    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x3F || b >= 0x80
    }

    var column: Int { i - lineStart + 1 }

    mutating func newline(at index: Int) {
        line += 1
        lineStart = index + 1
    }

    /// Appends a token whose value is `value`; its range runs from `tokenStart` to where the
    /// current step stops (set by `run`).
    @inline(__always)
    mutating func emit(_ kind: Token.Kind, _ value: Range<Int>, line: Int, column: Int, escaped: Bool = false, attached: Bool = false) {
        tokens.append(
            Token(
                kind: kind, range: tokenStart..<tokenStart, value: value, line: line, column: column, endLine: self.line,
                escaped: escaped, attachedValue: attached))
    }

    // MARK: main loop

    public mutating func run() -> [Token] {
        bytes.withUnsafeBufferPointer { buffer in
            p = buffer
            scan()
        }
        p = UnsafeBufferPointer(start: nil, count: 0)
        return tokens
    }

    mutating func scan() {
        while i < p.count {
            let b = p[i]
            let startLine = line
            let startColumn = column
            // Each step emits at most one token, which spans the bytes the step consumed.
            tokenStart = i
            let emitted = tokens.count
            defer { if tokens.count > emitted { tokens[tokens.count - 1].end = Int32(truncatingIfNeeded: i) } }
            if Tokenizer.isSpace(b) || b == 0x0D {
                i += 1
                continue
            }
            if b == 0x0A {
                emit(.statementEnd, i..<(i + 1), line: startLine, column: startColumn)
                newline(at: i)
                i += 1
                continue
            }
            if b == 0x60 {  // backtick: continuation or escaped character in a word
                if i + 1 < p.count, p[i + 1] == 0x0A || p[i + 1] == 0x0D {
                    i += 1
                    if i < p.count, p[i] == 0x0D { i += 1 }
                    if i < p.count, p[i] == 0x0A {
                        newline(at: i)
                        i += 1
                    }
                    continue
                }
                word(startLine, startColumn)
                continue
            }
            if b == 0x23 {
                lineComment(startLine, startColumn)
                continue
            }
            if b == 0x3C, i + 1 < p.count, p[i + 1] == 0x23 {
                blockComment(startLine, startColumn)
                continue
            }
            if b == 0x40, i + 1 < p.count, singleQuoteLength(i + 1) > 0 || doubleQuoteLength(i + 1) > 0,
                hereStringOpens(at: i + 1 + max(singleQuoteLength(i + 1), doubleQuoteLength(i + 1)))
            {
                hereString(startLine, startColumn)
                continue
            }
            if singleQuoteLength(i) > 0 {
                singleQuoted(startLine, startColumn)
                continue
            }
            if doubleQuoteLength(i) > 0 {
                doubleQuoted(startLine, startColumn)
                continue
            }
            if b == 0x24 {
                variable(startLine, startColumn)
                continue
            }
            if b == 0x40 {
                if i + 1 < p.count, p[i + 1] == 0x28 || p[i + 1] == 0x7B {
                    emit(.punctuation, i..<(i + 2), line: startLine, column: startColumn)
                    i += 2
                    continue
                }
                if i + 1 < p.count, Tokenizer.isNameByte(p[i + 1]) {
                    var j = i + 1
                    while j < p.count, Tokenizer.isNameByte(p[j]) || p[j] == 0x3A { j += 1 }
                    emit(.splat, (i + 1)..<j, line: startLine, column: startColumn)
                    i = j
                    continue
                }
            }
            let dash = dashLength(i)
            if dash > 0, i + dash < p.count, isParameterStart(p[i + dash]) {
                parameter(dash, startLine, startColumn)
                continue
            }
            switch b {
            case 0x3B:
                emit(.statementEnd, i..<(i + 1), line: startLine, column: startColumn)
                i += 1
                continue
            case 0x7C:
                if i + 1 < p.count, p[i + 1] == 0x7C {
                    emit(.punctuation, i..<(i + 2), line: startLine, column: startColumn)
                    i += 2
                    continue
                }
                emit(.pipe, i..<(i + 1), line: startLine, column: startColumn)
                i += 1
                continue
            case 0x28, 0x29, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3D:
                emit(.punctuation, i..<(i + 1), line: startLine, column: startColumn)
                i += 1
                continue
            case 0x2B where i + 1 < p.count && p[i + 1] == 0x3D:
                emit(.punctuation, i..<(i + 2), line: startLine, column: startColumn)
                i += 2
                continue
            default:
                break
            }
            if b >= 0x30 && b <= 0x39 {
                number(startLine, startColumn)
                continue
            }
            word(startLine, startColumn)
        }
    }

    func isParameterStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x3F || b >= 0x80
    }

    // MARK: pieces

    mutating func lineComment(_ l: Int, _ c: Int) {
        let start = i
        while i < p.count, p[i] != 0x0A { i += 1 }
        if keepComments { emit(.comment, start..<i, line: l, column: c) }
    }

    mutating func blockComment(_ l: Int, _ c: Int) {
        let start = i
        i += 2
        while i < p.count {
            if p[i] == 0x23, i + 1 < p.count, p[i + 1] == 0x3E {
                i += 2
                if keepComments { emit(.comment, start..<i, line: l, column: c) }
                return
            }
            if p[i] == 0x0A { newline(at: i) }
            i += 1
        }
        if keepComments { emit(.comment, start..<i, line: l, column: c) }  // unterminated: to the end of the file
    }

    /// A here-string's opening quote must end its line (only white space may follow).
    func hereStringOpens(at j: Int) -> Bool {
        var k = j
        while k < p.count, Tokenizer.isSpace(p[k]) || p[k] == 0x0D { k += 1 }
        return k >= p.count || p[k] == 0x0A
    }

    mutating func hereString(_ l: Int, _ c: Int) {
        let single = singleQuoteLength(i + 1) > 0
        i += 1 + (single ? singleQuoteLength(i + 1) : doubleQuoteLength(i + 1))
        while i < p.count, p[i] != 0x0A { i += 1 }
        if i < p.count {
            newline(at: i)
            i += 1
        }
        let contentStart = i
        // Ends at a line starting with the quote followed by @.
        while i < p.count {
            let q = single ? singleQuoteLength(i) : doubleQuoteLength(i)
            if i == lineStart, q > 0, i + q < p.count, p[i + q] == 0x40 {
                var end = i - 1
                if end > contentStart, p[end - 1] == 0x0D { end -= 1 }
                let value = end >= contentStart ? contentStart..<max(contentStart, end) : contentStart..<contentStart
                i += q + 1
                emit(single ? .singleQuoted : .doubleQuoted, value, line: l, column: c)
                return
            }
            if p[i] == 0x0A { newline(at: i) }
            i += 1
        }
        emit(single ? .singleQuoted : .doubleQuoted, contentStart..<i, line: l, column: c)
    }

    /// `'…'`; a doubled quote stands for one (`TokenizedScript.unescapedSingleQuoted`).
    mutating func singleQuoted(_ l: Int, _ c: Int) {
        i += singleQuoteLength(i)
        let start = i
        var escaped = false
        while i < p.count {
            let b = p[i]
            if b == 0x27 || b == 0xE2 {
                let q = singleQuoteLength(i)
                if q > 0 {
                    let next = singleQuoteLength(i + q)
                    if next > 0 {
                        escaped = true
                        i += q + next
                        continue
                    }
                    emit(.singleQuoted, start..<i, line: l, column: c, escaped: escaped)
                    i += q
                    return
                }
            }
            if b == 0x0A { newline(at: i) }
            i += 1
        }
        emit(.singleQuoted, start..<i, line: l, column: c, escaped: escaped)
    }

    /// `"…"` with backtick escapes, doubled quotes, and quotes inside `$( … )` that do not end
    /// it (`TokenizedScript.unescapedDoubleQuoted`).
    mutating func doubleQuoted(_ l: Int, _ c: Int) {
        i += doubleQuoteLength(i)
        let start = i
        var escaped = false
        var depth = 0
        while i < p.count {
            let b = p[i]
            if b == 0x60, i + 1 < p.count {  // backtick escape
                escaped = true
                if p[i + 1] == 0x0A { newline(at: i + 1) }
                i += 2
                continue
            }
            if b == 0x24, i + 1 < p.count, p[i + 1] == 0x28 {
                depth += 1
                i += 2
                continue
            }
            if b == 0x29, depth > 0 { depth -= 1 }
            if depth == 0, b == 0x22 || b == 0xE2 {
                let q = doubleQuoteLength(i)
                if q > 0 {
                    let next = doubleQuoteLength(i + q)
                    if next > 0 {
                        escaped = true
                        i += q + next
                        continue
                    }
                    emit(.doubleQuoted, start..<i, line: l, column: c, escaped: escaped)
                    i += q
                    return
                }
            }
            if b == 0x0A { newline(at: i) }
            i += 1
        }
        emit(.doubleQuoted, start..<i, line: l, column: c, escaped: escaped)
    }

    mutating func variable(_ l: Int, _ c: Int) {
        if i + 1 < p.count, p[i + 1] == 0x28 {
            emit(.punctuation, i..<(i + 2), line: l, column: c)
            i += 2
            return
        }
        if i + 1 < p.count, p[i + 1] == 0x7B {
            var j = i + 2
            while j < p.count, p[j] != 0x7D, p[j] != 0x0A { j += 1 }
            emit(.variable, (i + 2)..<j, line: l, column: c)
            // Consume the closing brace only: an unclosed `${` leaves its line break to end the statement.
            i = j < p.count && p[j] == 0x7D ? j + 1 : j
            return
        }
        var j = i + 1
        while j < p.count, Tokenizer.isNameByte(p[j]) || (p[j] == 0x3A && j + 1 < p.count && Tokenizer.isNameByte(p[j + 1])) { j += 1 }
        if j == i + 1, j < p.count, p[j] == 0x24 || p[j] == 0x5F || p[j] == 0x3F || p[j] == 0x5E { j += 1 }
        emit(.variable, (i + 1)..<j, line: l, column: c)
        i = j
    }

    mutating func parameter(_ dash: Int, _ l: Int, _ c: Int) {
        var j = i + dash
        while j < p.count, Tokenizer.isNameByte(p[j]) || p[j] == 0x2D { j += 1 }
        let name = (i + dash)..<j
        if j < p.count, p[j] == 0x3A {
            emit(.parameter, name, line: l, column: c, attached: true)
            i = j + 1
            return
        }
        emit(.parameter, name, line: l, column: c)
        i = j
    }

    mutating func number(_ l: Int, _ c: Int) {
        let start = i
        var ascii = true
        var digits = true
        while i < p.count, !endsWord(i) {
            let b = p[i]
            if b >= 0x80 { ascii = false } else if !(b >= 0x30 && b <= 0x39) && b != 0x2E { digits = false }
            i += 1
        }
        if !ascii {
            // Other scripts' digits count as digits too (Character.isNumber).
            digits = String(decoding: p[start..<i], as: UTF8.self).allSatisfy { $0.isNumber || $0 == "." }
        }
        emit(digits ? .number : .word, start..<i, line: l, column: c)
    }

    /// A bare word; a backtick takes the next byte literally (`TokenizedScript.unescapedWord`).
    mutating func word(_ l: Int, _ c: Int) {
        let start = i
        var escaped = false
        while i < p.count, !endsWord(i) {
            if p[i] == 0x60, i + 1 < p.count {
                if p[i + 1] == 0x0A || p[i + 1] == 0x0D { break }
                escaped = true
                i += 2
                continue
            }
            if p[i] == 0x23, i == start { break }
            i += 1
        }
        if i == start && i < p.count {
            // A byte no rule takes (for example a lone '&'): keep it as punctuation.
            i += 1
            emit(.punctuation, start..<i, line: l, column: c)
            return
        }
        emit(.word, start..<i, line: l, column: c, escaped: escaped)
    }
}
