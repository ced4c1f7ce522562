/// Finds the commands in a token stream.
///
/// A command starts where PowerShell is in command mode: at the start of a statement,
/// after `|`, `(`, `$(`, `@(`, `{`, `=` and `&`. Its arguments run to the end of the
/// statement at the same bracket depth; bracketed arguments are kept as one element (the
/// commands inside them are found on their own). Comments never reach the parser.
///
/// It compares token bytes, never makes a String per token, and records each command as
/// token indexes (`Command` groups the arguments when a rule asks).
public enum CommandParser {
    /// Parameters that take no value, so a following bare word is positional.
    static let switches: Set<String> = [
        "usessl", "bodyashtml", "force", "whatif", "confirm", "asplaintext", "managedidentity", "device", "skiploadingformatdata",
        "disablewaminteractivesignin", "usemulticloud", "allowredirection", "nonewline", "raw", "passthru", "inlinecredential",
    ]

    static func isSwitch(_ s: TokenizedScript, _ p: Token) -> Bool { switches.contains(s.lowercased(p)) }

    /// Opening brackets, by kind (`Token.Bracket`: `(`, `$(`, `@(`, `{`, `@{`, `[`); 0 when the token is none.
    @inline(__always)
    static func opener(_ s: TokenizedScript, _ t: Token) -> UInt8 {
        t.bracket == .closer ? 0 : t.bracket.rawValue
    }

    static let hashtableOpener = Token.Bracket.hashtable.rawValue

    /// `)`, `}` or `]`.
    @inline(__always)
    static func isCloser(_ s: TokenizedScript, _ t: Token) -> Bool { t.bracket == .closer }

    public static func commands(in all: TokenizedScript) -> [Command] {
        let s = all.code
        let tokens = s.tokens
        var result: [Command] = []
        // Admin scripts have about one command in 13 tokens: room for all at once, not a copy per doubling.
        result.reserveCapacity(tokens.count / 8)
        // The innermost open bracket before each token, tracked in one pass (an `=` directly
        // inside `@{ … }` separates a key from its value, which is not a command).
        var open = BracketNesting()
        var previous: Token?
        for k in tokens.indices {
            let token = tokens[k]
            defer {
                if token.bracket == .closer {
                    open.close()
                } else if token.bracket != .none {
                    open.open(hashtable: token.bracket == .hashtable)
                }
                previous = token
            }
            let ampersand = s.isPunctuation(token, 0x26)
            guard ampersand || isCommandPosition(s, after: previous, insideHashtable: open.insideHashtable) else { continue }
            let start = ampersand ? k + 1 : k
            guard start < tokens.count else { continue }
            let t = tokens[start]
            if t.bracket == .type, let constructed = staticConstructor(s, at: start) {
                result.append(constructed)
                continue
            }
            guard t.kind == .word || (start > k && t.isString) else { continue }
            if t.kind == .word && !looksLikeCommandName(s, t) { continue }
            var piped: Int?
            if k >= 2, tokens[k - 1].kind == .pipe, tokens[k - 2].isString || tokens[k - 2].kind == .variable,
                k == 2 || tokens[k - 3].kind == .statementEnd || tokens[k - 3].kind == .punctuation
            {
                piped = k - 2
            }
            result.append(parse(s, from: start, piped: piped))
        }
        return result
    }

    /// Lower-case, compared as bytes with `TokenizedScript.is(_:_:)` (no String per word).
    static let keywordList: [StaticString] = [
        "if", "else", "elseif", "foreach", "for", "while", "do", "try", "catch", "finally", "function",
        "param", "return", "switch", "begin", "process", "end", "filter", "until", "trap", "throw", "break", "continue",
    ]
    /// For the rare word with escapes or non-ASCII letters, compared as lower-cased text.
    static let keywords = Set(keywordList.map(\.description))

    static func isKeyword(_ s: TokenizedScript, _ t: Token) -> Bool {
        let count = t.valueCount
        for keyword in keywordList where keyword.utf8CodeUnitCount == count {
            if s.is(t, keyword) { return true }
        }
        return false
    }

    static func looksLikeCommandName(_ s: TokenizedScript, _ t: Token) -> Bool {
        let first = s.lead(t)
        if t.escaped || first >= 0x80 {
            let text = s.text(t)
            guard let scalar = text.unicodeScalars.first, scalar.properties.isAlphabetic else { return false }
            return !keywords.contains(text.lowercased())
        }
        guard (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A) else { return false }
        // Keywords are 2 to 8 letters.
        guard t.valueCount <= 8 else { return true }
        return !isKeyword(s, t)
    }

    /// Whether a token after `previous` (nil at the start) is in command position; `&` before
    /// a token puts it there too (`commands(in:)` checks that).
    @inline(__always)
    static func isCommandPosition(_ s: TokenizedScript, after previous: Token?, insideHashtable: Bool) -> Bool {
        guard let p = previous else { return true }
        switch p.kind {
        case .statementEnd, .pipe: return !insideHashtable  // inside @{ … } a new line or ';' starts a key
        case .punctuation:
            switch p.bracket {
            case .paren, .subexpression, .arraySubexpression, .brace: return true
            case .hashtable, .type, .closer: return false
            case .none:
                if s.isPunctuation(p, 0x3D) { return !insideHashtable }
                return s.isPunctuation(p, 0x2B, 0x3D)
            }
        default:
            // `else { … }`, `try { … }`: the word before `{` is a keyword; handled by `{`.
            return false
        }
    }

    static func parse(_ s: TokenizedScript, from start: Int, piped: Int?) -> Command {
        let tokens = s.tokens
        var k = start + 1
        while k < tokens.count {
            let t = tokens[k]
            if t.kind == .statementEnd || t.kind == .pipe || isCloser(s, t) { break }
            k = t.kind == .parameter ? k + 1 : elementEnd(s, k)
        }
        let name = tokens[start]
        let endLine = k > start + 1 ? tokens[k - 1].endLine : name.endLine
        let plain = s.isPlainASCII(name)
        return Command(
            script: s, nameIndex: start, arguments: (start + 1)..<k, isConstructor: false, pipedIndex: piped,
            alias: Aliases.target(of: name, in: s, plainASCII: plain), plainName: plain, endLine: endLine)
    }

    /// `[Type]::new(arguments)` in command position, read as the `New-Object Type(arguments)` it
    /// is equivalent to, so the rules for New-Object see both forms (PowerShell 5 added `::new`).
    static func staticConstructor(_ s: TokenizedScript, at k: Int) -> Command? {
        let tokens = s.tokens
        guard k + 4 < tokens.count, tokens[k + 1].kind == .word, s.isPunctuation(tokens[k + 2], 0x5D),
            tokens[k + 3].kind == .word, s.is(tokens[k + 3], "::new"), s.isPunctuation(tokens[k + 4], 0x28)
        else { return nil }
        let end = elementEnd(s, k + 4)
        return Command(
            script: s, nameIndex: k, arguments: (k + 1)..<end, isConstructor: true, pipedIndex: nil,
            alias: "new-object", plainName: true, endLine: tokens[end - 1].endLine)
    }

    /// The end (exclusive token index) of the argument element starting at `k`, before `limit`
    /// (the end of the tokens, or of a hashtable's contents): a bracketed group with its
    /// contents, a `[type]` followed by what it casts, a variable with the member access
    /// written directly after it, a word directly followed by `( … )`, or a single token.
    static func elementEnd(_ s: TokenizedScript, _ k: Int, limit: Int? = nil) -> Int {
        let tokens = s.tokens
        let limit = limit ?? tokens.count
        let t = tokens[k]
        if opener(s, t) != 0 {
            var depth = 0
            var j = k
            while j < limit {
                let u = tokens[j]
                if u.kind == .punctuation {
                    if opener(s, u) != 0 { depth += 1 }
                    if isCloser(s, u) {
                        depth -= 1
                        if depth == 0 {
                            j += 1
                            break
                        }
                    }
                }
                j += 1
            }
            // `[pscredential]::new(...)` and `[type]$x`: keep the cast with what follows.
            if s.isPunctuation(t, 0x5B), j < limit, tokens[j].kind != .statementEnd, tokens[j].kind != .parameter {
                return elementEnd(s, j, limit: limit)
            }
            return min(j, limit)
        }
        // `$config.SmtpPassword`, `$cred.GetNetworkCredential()`: a variable with the member access
        // written directly after it is one value.
        if t.kind == .variable, k + 1 < limit, tokens[k + 1].kind == .word, s.firstTextByte(tokens[k + 1]) == 0x2E,
            tokens[k + 1].line == t.line, tokens[k + 1].column == t.column + 1 + s.textCount(t)
        {
            var end = k + 2
            if end < limit, s.isPunctuation(tokens[end], 0x28), tokens[end].column == tokens[k + 1].column + s.textCount(tokens[k + 1]) {
                end = elementEnd(s, end, limit: limit)
            }
            return end
        }
        // `New-Object System.Management.Automation.PSCredential(...)`: a word directly followed by `(`.
        if t.kind == .word, k + 1 < limit, s.isPunctuation(tokens[k + 1], 0x28), tokens[k + 1].column == t.column + s.textCount(t) {
            return elementEnd(s, k + 1, limit: limit)
        }
        return k + 1
    }
}
