#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Comments and strings: the tokens that run over many bytes, so each loop skips ordinary
/// bytes with one table load (`ByteFlags`) or memchr(3) and looks closer only at the bytes
/// that can end its token or start a new line.
extension Tokenizer {
    /// The next line feed at or after `from`, or the end of the input.
    @inline(__always) func nextLineFeed(from: Int) -> Int {
        guard from < p.count, let base = p.baseAddress, let hit = memchr(base + from, 0x0A, p.count - from) else { return p.count }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
    }

    /// The first byte at or after `from` with any of `flags` (`ByteFlags`), or the end.
    @inline(__always) func skip(from: Int, unless wanted: UInt8) -> Int {
        let p = self.p
        let flags = self.flags
        var j = from
        while j < p.count, flags[Int(p[j])] & wanted == 0 { j += 1 }
        return j
    }

    mutating func lineComment(_ l: Int, _ c: Int) {
        let start = i
        i = nextLineFeed(from: i)
        if keepComments { emit(.comment, start..<i, line: l, column: c) }
    }

    mutating func blockComment(_ l: Int, _ c: Int) {
        let start = i
        let p = self.p
        var j = i + 2
        while j < p.count {
            if p[j] == 0x23, j + 1 < p.count, p[j + 1] == 0x3E {
                i = j + 2
                if keepComments { emit(.comment, start..<i, line: l, column: c) }
                return
            }
            if p[j] == 0x0A { newline(at: j) }
            j += 1
        }
        i = j
        if keepComments { emit(.comment, start..<i, line: l, column: c) }  // unterminated: to the end of the file
    }

    /// A here-string's opening quote must end its line (only white space may follow).
    func hereStringOpens(at j: Int) -> Bool {
        var k = j
        while k < p.count, classes[Int(p[k])] == .space { k += 1 }
        return k >= p.count || p[k] == 0x0A
    }

    mutating func hereString(_ l: Int, _ c: Int) {
        let single = singleQuoteLength(i + 1) > 0
        i += 1 + (single ? singleQuoteLength(i + 1) : doubleQuoteLength(i + 1))
        i = nextLineFeed(from: i)
        if i < p.count {
            newline(at: i)
            i += 1
        }
        let contentStart = i
        // Ends at a line starting with the quote followed by @; only line starts need a look.
        while i < p.count {
            let q = single ? singleQuoteLength(i) : doubleQuoteLength(i)
            if q > 0, i + q < p.count, p[i + q] == 0x40 {
                var end = i - 1
                if end > contentStart, p[end - 1] == 0x0D { end -= 1 }
                let value = end >= contentStart ? contentStart..<max(contentStart, end) : contentStart..<contentStart
                i += q + 1
                emit(single ? .singleQuoted : .doubleQuoted, value, line: l, column: c)
                return
            }
            i = nextLineFeed(from: i)
            if i < p.count {
                newline(at: i)
                i += 1
            }
        }
        emit(single ? .singleQuoted : .doubleQuoted, contentStart..<i, line: l, column: c)
    }

    /// What a quote of the string's own kind at `i` does.
    enum QuoteStep {
        case none
        /// A doubled quote, one quote in the value: stepped over.
        case doubled
        /// The closing quote: the token is emitted and `i` is after it.
        case closed
    }

    /// The quote handling that single- and double-quoted strings share (`single` picks the
    /// quote characters and the token kind).
    @inline(__always)
    mutating func quote(single: Bool, from start: Int, escaped: inout Bool, _ l: Int, _ c: Int) -> QuoteStep {
        let length = single ? singleQuoteLength(i) : doubleQuoteLength(i)
        guard length > 0 else { return .none }
        let next = single ? singleQuoteLength(i + length) : doubleQuoteLength(i + length)
        if next > 0 {
            escaped = true
            i += length + next
            return .doubled
        }
        emit(single ? .singleQuoted : .doubleQuoted, start..<i, line: l, column: c, escaped: escaped)
        i += length
        return .closed
    }

    /// `'…'`; a doubled quote stands for one (`TokenizedScript.unescapedSingleQuoted`).
    mutating func singleQuoted(_ l: Int, _ c: Int) {
        i += singleQuoteLength(i)
        let start = i
        var escaped = false
        while i < p.count {
            i = skip(from: i, unless: ByteFlags.singleQuoted)
            guard i < p.count else { break }
            switch quote(single: true, from: start, escaped: &escaped, l, c) {
            case .closed: return
            case .doubled: continue
            case .none: break
            }
            if p[i] == 0x0A { newline(at: i) }
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
            i = skip(from: i, unless: ByteFlags.doubleQuoted)
            guard i < p.count else { break }
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
                switch quote(single: false, from: start, escaped: &escaped, l, c) {
                case .closed: return
                case .doubled: continue
                case .none: break
                }
            }
            if b == 0x0A { newline(at: i) }
            i += 1
        }
        emit(.doubleQuoted, start..<i, line: l, column: c, escaped: escaped)
    }
}
