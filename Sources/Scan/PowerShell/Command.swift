/// One command invocation found in a script, with its arguments grouped.
public struct Command: Sendable, Equatable {
    /// One argument element: a single token, or a bracketed group `( … )`, `@{ … }`, `$( … )`.
    public struct Element: Sendable, Equatable {
        public var tokens: [Token]
        public var first: Token { tokens[0] }
    }

    public struct Parameter: Sendable, Equatable {
        /// As written, without the dash (possibly abbreviated).
        public var name: String
        public var value: Element?
        public var token: Token
    }

    /// As written, and with aliases resolved (`nsn` → `New-PSSession`), lower-cased.
    public var name: String
    public var canonicalName: String
    public var nameToken: Token
    public var parameters: [Parameter]
    public var positional: [Element]
    /// `@name` arguments.
    public var splats: [String]
    public var endLine: Int
    /// When the command takes pipeline input from a lone value (`'text' | Cmd`, `$pw | Cmd`),
    /// that string or variable token.
    public var pipedValue: Token?

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
}
