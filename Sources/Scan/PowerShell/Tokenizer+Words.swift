/// Variables, parameters, numbers and bare words. A word ends at a byte `ByteFlags.endsWord`
/// marks; only a backtick and the byte 0xE2 (which may start a typographic quote) need more
/// than one table load, so ASCII and other non-ASCII text cost the same per byte.
extension Tokenizer {
    mutating func variable(_ l: Int, _ c: Int) {
        if i + 1 < p.count, p[i + 1] == 0x28 {
            emit(.punctuation, i..<(i + 2), line: l, column: c, bracket: .subexpression)
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
        while j < p.count, has(j, ByteFlags.name) || (p[j] == 0x3A && j + 1 < p.count && has(j + 1, ByteFlags.name)) { j += 1 }
        if j == i + 1, j < p.count, p[j] == 0x24 || p[j] == 0x5F || p[j] == 0x3F || p[j] == 0x5E { j += 1 }
        emit(.variable, (i + 1)..<j, line: l, column: c)
        i = j
    }

    mutating func parameter(_ dash: Int, _ l: Int, _ c: Int) {
        let j = nameEnd(from: i + dash, also: 0x2D)
        let name = (i + dash)..<j
        if j < p.count, p[j] == 0x3A {
            emit(.parameter, name, line: l, column: c, attached: true)
            i = j + 1
            return
        }
        emit(.parameter, name, line: l, column: c)
        i = j
    }

    /// Whether the byte at `at` ends a bare word (`ByteFlags.endsWord`, or a typographic quote).
    @inline(__always) func endsWord(_ at: Int) -> Bool {
        let f = flags[Int(p[at])]
        if f & ByteFlags.endsWord != 0 { return true }
        return p[at] == 0xE2 && (singleQuoteLength(at) > 0 || doubleQuoteLength(at) > 0)
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
        // Locals, not `self.i`: the loop then keeps its position in a register.
        let p = self.p
        let flags = self.flags
        var j = i
        while j < p.count {
            let f = flags[Int(p[j])]
            if f & (ByteFlags.endsWord | ByteFlags.wordSpecial) == 0 {
                j += 1
                continue
            }
            if f & ByteFlags.endsWord != 0 { break }
            if p[j] == 0x60 {
                if j + 1 < p.count {
                    if p[j + 1] == 0x0A || p[j + 1] == 0x0D { break }
                    escaped = true
                    j += 2
                    continue
                }
            } else if singleQuoteLength(j) > 0 || doubleQuoteLength(j) > 0 {
                break  // 0xE2 starting a typographic quote
            }
            j += 1
        }
        i = j
        if i == start && i < p.count {
            // A byte no rule takes (for example a lone '&'): keep it as punctuation.
            i += 1
            emit(.punctuation, start..<i, line: l, column: c)
            return
        }
        emit(.word, start..<i, line: l, column: c, escaped: escaped)
    }

    /// The end of the name starting at `from`: bytes `ByteFlags.name` marks, and `also`.
    @inline(__always) func nameEnd(from: Int, also: UInt8) -> Int {
        let p = self.p
        let flags = self.flags
        var j = from
        while j < p.count, flags[Int(p[j])] & ByteFlags.name != 0 || p[j] == also { j += 1 }
        return j
    }
}
