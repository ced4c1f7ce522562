/// Splits PowerShell source into tokens, scanning UTF-8 bytes (about_Parsing,
/// about_Quoting_Rules, about_Comments, about_Special_Characters).
///
/// It knows line and block comments (`<# #>` does not nest, and `#>` means nothing inside a
/// `#` comment), single- and double-quoted strings including the typographic quotes,
/// here-strings, backtick escapes and line continuation, the four dash characters (`-`,
/// U+2013, U+2014, U+2015) before parameters, `-Name:value`, variables, splatting and
/// punctuation. It never gives up: an unterminated string or comment runs to the end of the
/// file, and invalid UTF-8 is carried through as U+FFFD.
public struct Tokenizer {
    let bytes: [UInt8]
    /// Bytes dropped before `bytes` (a UTF-8 BOM), so token ranges are offsets in the input.
    let offset: Int
    var i = 0
    var line = 1
    var lineStart = 0
    var tokens: [Token] = []

    public init(bytes: [UInt8]) {
        var b = bytes
        let bom = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
        if bom { b.removeFirst(3) }
        self.bytes = b
        offset = bom ? 3 : 0
    }

    public init(_ text: String) { self.init(bytes: Array(text.utf8)) }

    public static func tokenize(_ text: String) -> [Token] {
        var t = Tokenizer(text)
        return t.run()
    }

    public static func tokenize(bytes: [UInt8]) -> [Token] {
        var t = Tokenizer(bytes: bytes)
        return t.run()
    }

    // MARK: character classes (UTF-8 sequences of the typographic characters)

    /// Length of a dash character at `at` (`-` or U+2013/2014/2015), or 0.
    func dashLength(_ at: Int) -> Int {
        guard at < bytes.count else { return 0 }
        if bytes[at] == 0x2D { return 1 }
        if at + 2 < bytes.count, bytes[at] == 0xE2, bytes[at + 1] == 0x80, (0x93...0x95).contains(bytes[at + 2]) { return 3 }
        return 0
    }

    /// Length of a single-quote character (`'` U+2018 U+2019 U+201A U+201B), or 0.
    func singleQuoteLength(_ at: Int) -> Int {
        guard at < bytes.count else { return 0 }
        if bytes[at] == 0x27 { return 1 }
        if at + 2 < bytes.count, bytes[at] == 0xE2, bytes[at + 1] == 0x80, (0x98...0x9B).contains(bytes[at + 2]) { return 3 }
        return 0
    }

    /// Length of a double-quote character (`"` U+201C U+201D U+201E), or 0.
    func doubleQuoteLength(_ at: Int) -> Int {
        guard at < bytes.count else { return 0 }
        if bytes[at] == 0x22 { return 1 }
        if at + 2 < bytes.count, bytes[at] == 0xE2, bytes[at + 1] == 0x80, (0x9C...0x9E).contains(bytes[at + 2]) { return 3 }
        return 0
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0C || b == 0xA0 }

    /// Bytes that end a bare word.
    func endsWord(_ at: Int) -> Bool {
        let b = bytes[at]
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x3B, 0x7C, 0x28, 0x29, 0x7B, 0x7D, 0x2C, 0x22, 0x27, 0x26: return true // space ; | ( ) { } , " ' &
        case 0x5D: return true // `]` closes a type literal: `[System.Net.Mail.SmtpClient]::new(…)`, `[xml]$settings`
        case 0x3D: return true // =
        default: return singleQuoteLength(at) > 0 || doubleQuoteLength(at) > 0
        }
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x3F || b >= 0x80
    }

    func text(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }

    var column: Int { i - lineStart + 1 }

    mutating func newline(at index: Int) {
        line += 1
        lineStart = index + 1
    }

    mutating func emit(_ kind: Token.Kind, _ text: String, line: Int, column: Int, attached: Bool = false) {
        tokens.append(Token(kind: kind, text: text, line: line, column: column, endLine: self.line, attachedValue: attached))
    }

    // MARK: main loop

    public mutating func run() -> [Token] {
        while i < bytes.count {
            let b = bytes[i]
            let startLine = line, startColumn = column
            // Each step emits at most one token, which spans the bytes the step consumed.
            let tokenStart = i, emitted = tokens.count
            defer { if tokens.count > emitted { tokens[tokens.count - 1].range = (offset + tokenStart)..<(offset + i) } }
            if Tokenizer.isSpace(b) { i += 1; continue }
            if b == 0x0D { i += 1; continue }
            if b == 0x0A {
                emit(.statementEnd, "\n", line: startLine, column: startColumn)
                newline(at: i); i += 1
                continue
            }
            if b == 0x60 { // backtick: continuation or escaped character in a word
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A || bytes[i + 1] == 0x0D {
                    i += 1
                    if i < bytes.count, bytes[i] == 0x0D { i += 1 }
                    if i < bytes.count, bytes[i] == 0x0A { newline(at: i); i += 1 }
                    continue
                }
                word(startLine, startColumn)
                continue
            }
            if b == 0x23 { lineComment(startLine, startColumn); continue }
            if b == 0x3C, i + 1 < bytes.count, bytes[i + 1] == 0x23 { blockComment(startLine, startColumn); continue }
            if b == 0x40, i + 1 < bytes.count, singleQuoteLength(i + 1) > 0 || doubleQuoteLength(i + 1) > 0,
               hereStringOpens(at: i + 1 + max(singleQuoteLength(i + 1), doubleQuoteLength(i + 1))) {
                hereString(startLine, startColumn)
                continue
            }
            if singleQuoteLength(i) > 0 { singleQuoted(startLine, startColumn); continue }
            if doubleQuoteLength(i) > 0 { doubleQuoted(startLine, startColumn); continue }
            if b == 0x24 { variable(startLine, startColumn); continue }
            if b == 0x40 {
                if i + 1 < bytes.count, bytes[i + 1] == 0x28 || bytes[i + 1] == 0x7B {
                    emit(.punctuation, text(i, i + 2), line: startLine, column: startColumn); i += 2; continue
                }
                if i + 1 < bytes.count, Tokenizer.isNameByte(bytes[i + 1]) {
                    var j = i + 1
                    while j < bytes.count, Tokenizer.isNameByte(bytes[j]) || bytes[j] == 0x3A { j += 1 }
                    emit(.splat, text(i + 1, j), line: startLine, column: startColumn); i = j; continue
                }
            }
            let dash = dashLength(i)
            if dash > 0, i + dash < bytes.count, isParameterStart(bytes[i + dash]) {
                parameter(dash, startLine, startColumn)
                continue
            }
            switch b {
            case 0x3B: emit(.statementEnd, ";", line: startLine, column: startColumn); i += 1; continue
            case 0x7C:
                if i + 1 < bytes.count, bytes[i + 1] == 0x7C { emit(.punctuation, "||", line: startLine, column: startColumn); i += 2; continue }
                emit(.pipe, "|", line: startLine, column: startColumn); i += 1; continue
            case 0x28, 0x29, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C:
                emit(.punctuation, text(i, i + 1), line: startLine, column: startColumn); i += 1; continue
            case 0x3D:
                emit(.punctuation, "=", line: startLine, column: startColumn); i += 1; continue
            case 0x2B where i + 1 < bytes.count && bytes[i + 1] == 0x3D:
                emit(.punctuation, "+=", line: startLine, column: startColumn); i += 2; continue
            default:
                break
            }
            if b >= 0x30 && b <= 0x39 { number(startLine, startColumn); continue }
            word(startLine, startColumn)
        }
        return tokens
    }

    func isParameterStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x3F || b >= 0x80
    }

    // MARK: pieces

    mutating func lineComment(_ l: Int, _ c: Int) {
        let start = i
        while i < bytes.count, bytes[i] != 0x0A { i += 1 }
        emit(.comment, text(start, i), line: l, column: c)
    }

    mutating func blockComment(_ l: Int, _ c: Int) {
        let start = i
        i += 2
        while i < bytes.count {
            if bytes[i] == 0x23, i + 1 < bytes.count, bytes[i + 1] == 0x3E { i += 2; emit(.comment, text(start, i), line: l, column: c); return }
            if bytes[i] == 0x0A { newline(at: i) }
            i += 1
        }
        emit(.comment, text(start, i), line: l, column: c) // unterminated: to the end of the file
    }

    /// A here-string's opening quote must end its line (only white space may follow).
    func hereStringOpens(at j: Int) -> Bool {
        var k = j
        while k < bytes.count, Tokenizer.isSpace(bytes[k]) || bytes[k] == 0x0D { k += 1 }
        return k >= bytes.count || bytes[k] == 0x0A
    }

    mutating func hereString(_ l: Int, _ c: Int) {
        let single = singleQuoteLength(i + 1) > 0
        i += 1 + (single ? singleQuoteLength(i + 1) : doubleQuoteLength(i + 1))
        while i < bytes.count, bytes[i] != 0x0A { i += 1 }
        if i < bytes.count { newline(at: i); i += 1 }
        let contentStart = i
        // Ends at a line starting with the quote followed by @.
        while i < bytes.count {
            let q = single ? singleQuoteLength(i) : doubleQuoteLength(i)
            if i == lineStart, q > 0, i + q < bytes.count, bytes[i + q] == 0x40 {
                var end = i - 1
                if end > contentStart, bytes[end - 1] == 0x0D { end -= 1 }
                let value = end >= contentStart ? text(contentStart, max(contentStart, end)) : ""
                i += q + 1
                emit(single ? .singleQuoted : .doubleQuoted, value, line: l, column: c)
                return
            }
            if bytes[i] == 0x0A { newline(at: i) }
            i += 1
        }
        emit(single ? .singleQuoted : .doubleQuoted, text(contentStart, i), line: l, column: c)
    }

    mutating func singleQuoted(_ l: Int, _ c: Int) {
        i += singleQuoteLength(i)
        var value: [UInt8] = []
        while i < bytes.count {
            let q = singleQuoteLength(i)
            if q > 0 {
                let next = singleQuoteLength(i + q)
                if next > 0 { value.append(contentsOf: bytes[(i + q)..<(i + q + next)]); i += q + next; continue }
                i += q
                emit(.singleQuoted, String(decoding: value, as: UTF8.self), line: l, column: c)
                return
            }
            if bytes[i] == 0x0A { newline(at: i) }
            value.append(bytes[i]); i += 1
        }
        emit(.singleQuoted, String(decoding: value, as: UTF8.self), line: l, column: c)
    }

    mutating func doubleQuoted(_ l: Int, _ c: Int) {
        i += doubleQuoteLength(i)
        var value: [UInt8] = []
        var depth = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x60, i + 1 < bytes.count { // backtick escape
                let e = bytes[i + 1]
                switch e {
                case 0x6E: value.append(0x0A)
                case 0x74: value.append(0x09)
                case 0x72: value.append(0x0D)
                case 0x30: value.append(0x00)
                default: value.append(e)
                }
                if e == 0x0A { newline(at: i + 1) }
                i += 2
                continue
            }
            if b == 0x24, i + 1 < bytes.count, bytes[i + 1] == 0x28 { depth += 1; value.append(contentsOf: [0x24, 0x28]); i += 2; continue }
            if b == 0x29, depth > 0 { depth -= 1 }
            let q = doubleQuoteLength(i)
            if q > 0 && depth == 0 {
                let next = doubleQuoteLength(i + q)
                if next > 0 { value.append(0x22); i += q + next; continue }
                i += q
                emit(.doubleQuoted, String(decoding: value, as: UTF8.self), line: l, column: c)
                return
            }
            if b == 0x0A { newline(at: i) }
            value.append(b); i += 1
        }
        emit(.doubleQuoted, String(decoding: value, as: UTF8.self), line: l, column: c)
    }

    mutating func variable(_ l: Int, _ c: Int) {
        if i + 1 < bytes.count, bytes[i + 1] == 0x28 { emit(.punctuation, "$(", line: l, column: c); i += 2; return }
        if i + 1 < bytes.count, bytes[i + 1] == 0x7B {
            var j = i + 2
            while j < bytes.count, bytes[j] != 0x7D, bytes[j] != 0x0A { j += 1 }
            emit(.variable, text(i + 2, j), line: l, column: c)
            // Consume the closing brace only: an unclosed `${` leaves its line break to end the statement.
            i = j < bytes.count && bytes[j] == 0x7D ? j + 1 : j
            return
        }
        var j = i + 1
        while j < bytes.count, Tokenizer.isNameByte(bytes[j]) || (bytes[j] == 0x3A && j + 1 < bytes.count && Tokenizer.isNameByte(bytes[j + 1])) { j += 1 }
        if j == i + 1, j < bytes.count, [0x24, 0x5F, 0x3F, 0x5E].contains(bytes[j]) { j += 1 }
        emit(.variable, text(i + 1, j), line: l, column: c)
        i = j
    }

    mutating func parameter(_ dash: Int, _ l: Int, _ c: Int) {
        var j = i + dash
        while j < bytes.count, Tokenizer.isNameByte(bytes[j]) || bytes[j] == 0x2D { j += 1 }
        let name = text(i + dash, j)
        if j < bytes.count, bytes[j] == 0x3A {
            emit(.parameter, name, line: l, column: c, attached: true)
            i = j + 1
            return
        }
        emit(.parameter, name, line: l, column: c)
        i = j
    }

    mutating func number(_ l: Int, _ c: Int) {
        let start = i
        while i < bytes.count, !endsWord(i) { i += 1 }
        let t = text(start, i)
        emit(t.allSatisfy { $0.isNumber || $0 == "." } ? .number : .word, t, line: l, column: c)
    }

    mutating func word(_ l: Int, _ c: Int) {
        var value: [UInt8] = []
        while i < bytes.count, !endsWord(i) {
            if bytes[i] == 0x60, i + 1 < bytes.count {
                if bytes[i + 1] == 0x0A || bytes[i + 1] == 0x0D { break }
                value.append(bytes[i + 1]); i += 2; continue
            }
            if bytes[i] == 0x23, value.isEmpty { break }
            value.append(bytes[i]); i += 1
        }
        if value.isEmpty && i < bytes.count {
            // A byte no rule takes (for example a lone '&'): keep it as punctuation.
            value = [bytes[i]]; i += 1
            emit(.punctuation, String(decoding: value, as: UTF8.self), line: l, column: c)
            return
        }
        emit(.word, String(decoding: value, as: UTF8.self), line: l, column: c)
    }
}
