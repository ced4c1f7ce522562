/// The brackets open before a token, for the command parser, which asks one thing of them:
/// whether the innermost is a hashtable (`@{ … }`, where `=` separates a key from its value and
/// a new line starts a key, not a command). The first 64 levels are bits of one word, so
/// parsing a file allocates nothing for them; deeper nesting (generated code) spills to an array.
struct BracketNesting {
    private var bits: UInt64 = 0
    private var depth = 0
    private var deeper: [Bool] = []

    mutating func open(hashtable: Bool) {
        if depth < 64 {
            let bit: UInt64 = 1 << UInt64(depth)
            bits = hashtable ? bits | bit : bits & ~bit
        } else {
            deeper.append(hashtable)
        }
        depth += 1
    }

    /// A closer with nothing open is ignored (the script is unbalanced; the parser carries on).
    mutating func close() {
        guard depth > 0 else { return }
        depth -= 1
        if depth >= 64 { deeper.removeLast() }
    }

    var insideHashtable: Bool {
        guard depth > 0 else { return false }
        let top = depth - 1
        return top < 64 ? (bits >> UInt64(top)) & 1 == 1 : deeper[top - 64]
    }
}
