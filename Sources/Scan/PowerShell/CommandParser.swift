/// Finds the commands in a token stream and groups their arguments.
///
/// A command starts where PowerShell is in command mode: at the start of a statement,
/// after `|`, `(`, `$(`, `@(`, `{`, `=` and `&`. Its arguments run to the end of the
/// statement at the same bracket depth; bracketed arguments are kept as one element (the
/// commands inside them are found on their own). Comments never reach the parser.
public enum CommandParser {
    /// Parameters that take no value, so a following bare word is positional.
    static let switches: Set<String> = [
        "usessl", "bodyashtml", "force", "whatif", "confirm", "asplaintext", "managedidentity", "device", "skiploadingformatdata",
        "disablewaminteractivesignin", "usemulticloud", "allowredirection", "nonewline", "raw", "passthru", "inlinecredential",
    ]

    static let openers: Set<String> = ["(", "$(", "@(", "{", "@{", "["]

    public static func commands(in all: [Token]) -> [Command] {
        let tokens = all.filter { $0.kind != .comment }
        var result: [Command] = []
        // The innermost open bracket before each token, tracked in one pass (an `=` directly
        // inside `@{ … }` separates a key from its value, which is not a command).
        var open: [String] = []
        for k in tokens.indices {
            defer {
                let t = tokens[k]
                if t.kind == .punctuation {
                    if openers.contains(t.text) { open.append(t.text) }
                    else if [")", "}", "]"].contains(t.text), !open.isEmpty { open.removeLast() }
                }
            }
            guard isCommandPosition(tokens, k, insideHashtable: open.last == "@{") else { continue }
            var start = k
            if tokens[k].kind == .punctuation && tokens[k].text == "&" { start = k + 1 }
            guard start < tokens.count else { continue }
            let t = tokens[start]
            if t.kind == .punctuation, t.text == "[", let constructed = staticConstructor(tokens, at: start) {
                result.append(constructed)
                continue
            }
            guard t.kind == .word || (start > k && t.isString) else { continue }
            if t.kind == .word && !looksLikeCommandName(t.text) { continue }
            var command = parse(tokens, from: start)
            if k >= 2, tokens[k - 1].kind == .pipe, tokens[k - 2].isString || tokens[k - 2].kind == .variable,
               k == 2 || [.statementEnd, .punctuation].contains(tokens[k - 3].kind) {
                command.pipedValue = tokens[k - 2]
            }
            result.append(command)
        }
        return result
    }

    static let keywords: Set<String> = ["if", "else", "elseif", "foreach", "for", "while", "do", "try", "catch", "finally", "function",
                                        "param", "return", "switch", "begin", "process", "end", "filter", "until", "trap", "throw", "break", "continue"]

    static func looksLikeCommandName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return !keywords.contains(text.lowercased())
    }

    static func isCommandPosition(_ tokens: [Token], _ k: Int, insideHashtable: Bool) -> Bool {
        if tokens[k].kind == .punctuation && tokens[k].text == "&" { return true }
        guard k > 0 else { return true }
        let p = tokens[k - 1]
        switch p.kind {
        case .statementEnd, .pipe: return !insideHashtable // inside @{ … } a new line or ';' starts a key
        
        case .punctuation: return ["(", "$(", "@(", "{", "=", "+="].contains(p.text) && !(p.text == "=" && insideHashtable)
        case .word:
            // `else { … }`, `try { … }`: the word before `{` is a keyword; handled by `{`.
            return false
        default: return false
        }
    }

    static func parse(_ tokens: [Token], from start: Int) -> Command {
        let nameToken = tokens[start]
        var k = start + 1
        var elements: [(param: Token?, element: Command.Element?)] = []
        var endLine = nameToken.endLine
        while k < tokens.count {
            let t = tokens[k]
            if t.kind == .statementEnd || t.kind == .pipe { break }
            if t.kind == .punctuation && [")", "}", "]"].contains(t.text) { break }
            if t.kind == .parameter {
                elements.append((t, nil))
                k += 1
                endLine = t.endLine
                continue
            }
            let (element, next) = readElement(tokens, k)
            elements.append((nil, element))
            endLine = element.tokens.last!.endLine
            k = next
        }
        var parameters: [Command.Parameter] = []
        var positional: [Command.Element] = []
        var splats: [String] = []
        var i = 0
        while i < elements.count {
            if let p = elements[i].param {
                var value: Command.Element?
                if i + 1 < elements.count, elements[i + 1].param == nil, let e = elements[i + 1].element,
                   p.attachedValue || !switches.contains(p.text.lowercased()) {
                    value = e
                    i += 1
                }
                parameters.append(Command.Parameter(name: p.text, value: value, token: p))
            } else if let e = elements[i].element {
                if e.tokens.count == 1 && e.first.kind == .splat { splats.append(e.first.text.lowercased()) } else { positional.append(e) }
            }
            i += 1
        }
        return Command(name: nameToken.text, canonicalName: Aliases.canonical(nameToken.text), nameToken: nameToken,
                       parameters: parameters, positional: positional, splats: splats, endLine: endLine, pipedValue: nil)
    }

    /// `[Type]::new(arguments)` in command position, read as the `New-Object Type(arguments)` it
    /// is equivalent to, so the rules for New-Object see both forms (PowerShell 5 added `::new`).
    static func staticConstructor(_ tokens: [Token], at k: Int) -> Command? {
        guard k + 4 < tokens.count, tokens[k + 1].kind == .word, tokens[k + 2].text == "]", tokens[k + 2].kind == .punctuation,
              tokens[k + 3].kind == .word, tokens[k + 3].text.lowercased() == "::new",
              tokens[k + 4].kind == .punctuation, tokens[k + 4].text == "(" else { return nil }
        let (group, _) = readElement(tokens, k + 4)
        let element = Command.Element(tokens: [tokens[k + 1]] + group.tokens)
        return Command(name: "[\(tokens[k + 1].text)]::new", canonicalName: "new-object", nameToken: tokens[k], parameters: [], positional: [element],
                       splats: [], endLine: group.tokens.last?.endLine ?? tokens[k].endLine, pipedValue: nil)
    }

    /// One argument element starting at `k`: a bracketed group with its contents, a
    /// `[type]` followed by what it casts, or a single token. Returns the index after it.
    static func readElement(_ tokens: [Token], _ k: Int) -> (Command.Element, Int) {
        let t = tokens[k]
        if t.kind == .punctuation && openers.contains(t.text) {
            var depth = 0
            var j = k
            while j < tokens.count {
                let u = tokens[j]
                if u.kind == .punctuation {
                    if openers.contains(u.text) { depth += 1 }
                    if [")", "}", "]"].contains(u.text) {
                        depth -= 1
                        if depth == 0 { j += 1; break }
                    }
                }
                j += 1
            }
            // `[pscredential]::new(...)` and `[type]$x`: keep the cast with what follows.
            if t.text == "[", j < tokens.count, tokens[j].kind != .statementEnd, tokens[j].kind != .parameter {
                let (rest, next) = readElement(tokens, j)
                return (Command.Element(tokens: Array(tokens[k..<j]) + rest.tokens), next)
            }
            return (Command.Element(tokens: Array(tokens[k..<min(j, tokens.count)])), min(j, tokens.count))
        }
        // `$config.SmtpPassword`, `$cred.GetNetworkCredential()`: a variable with the member access
        // written directly after it is one value.
        if t.kind == .variable, k + 1 < tokens.count, tokens[k + 1].kind == .word, tokens[k + 1].text.hasPrefix("."),
           tokens[k + 1].line == t.line, tokens[k + 1].column == t.column + 1 + t.text.utf8.count {
            var end = k + 2
            if end < tokens.count, tokens[end].kind == .punctuation, tokens[end].text == "(",
               tokens[end].column == tokens[k + 1].column + tokens[k + 1].text.utf8.count {
                end = readElement(tokens, end).1
            }
            return (Command.Element(tokens: Array(tokens[k..<end])), end)
        }
        // `New-Object System.Management.Automation.PSCredential(...)`: a word directly followed by `(`.
        if t.kind == .word, k + 1 < tokens.count, tokens[k + 1].kind == .punctuation, tokens[k + 1].text == "(",
           tokens[k + 1].column == t.column + t.text.utf8.count {
            let (group, next) = readElement(tokens, k + 1)
            return (Command.Element(tokens: [t] + group.tokens), next)
        }
        return (Command.Element(tokens: [t]), k + 1)
    }
}
