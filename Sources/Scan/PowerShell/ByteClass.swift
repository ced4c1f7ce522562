/// What a byte can start, for the tokenizer's main loop: one table load and one jump per
/// token instead of a chain of comparisons (issue 17: the main loop and word scanning were a
/// third of the PowerShell front end's time). The typographic quotes and dashes (U+2013-U+2015,
/// U+2018-U+201E) all start with the byte 0xE2, so only that byte needs a closer look.
enum ByteClass: UInt8 {
    case word = 0
    /// Space, tab, form feed, CR and 0xA0 (white space between tokens).
    case space
    case newline
    case backtick
    case hash
    /// `<`: a block comment when `#` follows.
    case lessThan
    /// `@`: a here-string, `@(`, `@{` or splatting.
    case at
    case singleQuote
    case doubleQuote
    /// 0xE2: a typographic quote or dash, or the first byte of another character.
    case typographic
    case dollar
    case dash
    case semicolon
    case pipe
    /// `(` `)` `{` `}` `[` `]` `,` `=`
    case punctuation
    /// `+`: `+=`
    case plus
    case digit

    /// Indexed by byte.
    static let table: [ByteClass] = (0...255).map { (b: Int) -> ByteClass in
        switch b {
        case 0x20, 0x09, 0x0C, 0x0D, 0xA0: return .space
        case 0x0A: return .newline
        case 0x60: return .backtick
        case 0x23: return .hash
        case 0x3C: return .lessThan
        case 0x40: return .at
        case 0x27: return .singleQuote
        case 0x22: return .doubleQuote
        case 0xE2: return .typographic
        case 0x24: return .dollar
        case 0x2D: return .dash
        case 0x3B: return .semicolon
        case 0x7C: return .pipe
        case 0x28, 0x29, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3D: return .punctuation
        case 0x2B: return .plus
        case 0x30...0x39: return .digit
        default: return .word
        }
    }
}

/// Per-byte flags for the tokenizer's inner loops, so each loop skips ordinary bytes with one
/// table load and a test, and looks closer only at the bytes that can end or change its token.
enum ByteFlags {
    /// Ends a bare word: white space, `;` `|` `(` `)` `{` `}` `,` `"` `'` `&` `]` `=`.
    static let endsWord: UInt8 = 1
    /// Needs a closer look inside a word: a backtick, or 0xE2 (a typographic quote ends it).
    static let wordSpecial: UInt8 = 2
    /// Inside `'…'`: a quote, 0xE2 or a line break.
    static let singleQuoted: UInt8 = 4
    /// Inside `"…"`: a backtick, `$`, `)`, a quote, 0xE2 or a line break.
    static let doubleQuoted: UInt8 = 8
    /// Part of a variable's or a parameter's name: ASCII letters and digits, `_`, `?`, and any
    /// byte of a non-ASCII character.
    static let name: UInt8 = 16

    /// Indexed by byte.
    static let table: [UInt8] = (0...255).map { (b: Int) -> UInt8 in
        var flags: UInt8 = 0
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x3B, 0x7C, 0x28, 0x29, 0x7B, 0x7D, 0x2C, 0x22, 0x27, 0x26, 0x5D, 0x3D: flags |= endsWord
        case 0x60, 0xE2: flags |= wordSpecial
        default: break
        }
        if b == 0x27 || b == 0xE2 || b == 0x0A { flags |= singleQuoted }
        if [0x60, 0x24, 0x29, 0x22, 0xE2, 0x0A].contains(b) { flags |= doubleQuoted }
        if (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x5F || b == 0x3F || b >= 0x80 {
            flags |= name
        }
        return flags
    }
}
