/// One command invocation found in a script. It keeps token indexes into the script; its
/// arguments are grouped when a rule asks for them, so finding the commands of a file costs no
/// allocation per argument.
public struct Command: Sendable {
    /// One argument element: a single token, or a bracketed group `( … )`, `@{ … }`, `$( … )`,
    /// held as a range of token indexes in the script (comments removed).
    public struct Element: Sendable {
        public let script: TokenizedScript
        let range: Range<Int>
        /// `[Type]::new(…)` read as `New-Object Type(…)`: the type token, before the group.
        let type: Int?

        init(_ script: TokenizedScript, _ range: Range<Int>, type: Int? = nil) {
            self.script = script
            self.range = range
            self.type = type
        }

        public var tokens: [Token] {
            guard let type else { return Array(script.tokens[range]) }
            return [script.tokens[type]] + script.tokens[range]
        }
        public var first: Token { script.tokens[type ?? range.lowerBound] }
        public var count: Int { range.count + (type == nil ? 0 : 1) }
        public var last: Token { script.tokens[range.upperBound - 1] }
    }

    public struct Parameter: Sendable {
        /// As written, without the dash (possibly abbreviated).
        public var name: String
        public var value: Element?
        public var token: Token
    }

    /// The script, comments removed; the indexes below are into its tokens.
    public let script: TokenizedScript
    let nameIndex: Int
    /// The tokens after the name up to the end of the command.
    let arguments: Range<Int>
    /// `[Type]::new(…)`: `arguments` are the type, `]`, `::new` and the parenthesized group.
    let isConstructor: Bool
    let pipedIndex: Int?
    /// The cmdlet an alias stands for (`nsn` → `new-pssession`), or `new-object` for
    /// `[Type]::new(…)`; nil when the name is the token as written.
    let alias: StaticString?
    /// Whether the name token is plain ASCII (`TokenizedScript.isPlainASCII`), so `isNamed`
    /// compares its bytes.
    let plainName: Bool
    public let endLine: Int

    /// For `[Type]::new(…)`: the one element, its type and the parenthesized group.
    var constructed: Element? {
        isConstructor ? Element(script, (arguments.lowerBound + 3)..<arguments.upperBound, type: arguments.lowerBound) : nil
    }

    /// As written, with aliases resolved (`nsn` → `new-pssession`), lower-cased. Rules that only
    /// compare the name use `isNamed(_:)`, which makes no String.
    public var canonicalName: String { alias?.description ?? script.lowercased(nameToken) }

    /// Whether `canonicalName == lowercase`, compared as bytes.
    public func isNamed(_ lowercase: StaticString) -> Bool {
        guard let alias else { return plainName ? script.is(nameToken, lowercase) : script.lowercasedIs(nameToken, lowercase) }
        guard alias.utf8CodeUnitCount == lowercase.utf8CodeUnitCount else { return false }
        return (0..<alias.utf8CodeUnitCount).allSatisfy { alias.utf8Start[$0] == lowercase.utf8Start[$0] }
    }

    /// As written.
    public var name: String {
        if let constructed { return "[\(script.text(constructed.first))]::new" }
        return script.text(nameToken)
    }
    public var nameToken: Token { script.tokens[nameIndex] }
    /// When the command takes pipeline input from a lone value (`'text' | Cmd`, `$pw | Cmd`),
    /// that string or variable token.
    public var pipedValue: Token? { pipedIndex.map { script.tokens[$0] } }
    public var pipedElement: Element? { pipedIndex.map { Element(script, $0..<($0 + 1)) } }

    public var parameters: [Parameter] { grouped().parameters }
    public var positional: [Element] { grouped().positional }
    /// `@name` arguments, lower-cased.
    public var splats: [String] { grouped().splats }

    /// The first parameter whose name is an unambiguous-enough prefix of `full`
    /// (PowerShell accepts any unique prefix; `minimum` guards against a shorter one
    /// belonging to another parameter of the same cmdlet).
    public func parameter(_ full: String, minimum: Int = 2) -> Parameter? {
        let f = full.lowercased()
        return parameters.first { p in
            let n = p.name.lowercased()
            return n.count >= minimum && f.hasPrefix(n)
        }
    }

    /// The arguments as parameters (a following element is a parameter's value unless the
    /// parameter is a switch), positional elements and splats.
    func grouped() -> (parameters: [Parameter], positional: [Element], splats: [String]) {
        if let constructed { return ([], [constructed], []) }
        let tokens = script.tokens
        var parameters: [Parameter] = []
        var positional: [Element] = []
        var splats: [String] = []
        var k = arguments.lowerBound
        var pending: Token?
        func flush() {
            if let p = pending { parameters.append(Parameter(name: script.text(p), value: nil, token: p)) }
            pending = nil
        }
        while k < arguments.upperBound {
            let t = tokens[k]
            if t.kind == .parameter {
                flush()
                pending = t
                k += 1
                continue
            }
            let next = CommandParser.elementEnd(script, k)
            let element = Element(script, k..<next)
            if let p = pending, p.attachedValue || !CommandParser.isSwitch(script, p) {
                parameters.append(Parameter(name: script.text(p), value: element, token: p))
                pending = nil
            } else {
                flush()
                if next - k == 1 && t.kind == .splat { splats.append(script.lowercased(t)) } else { positional.append(element) }
            }
            k = next
        }
        flush()
        return (parameters, positional, splats)
    }
}
