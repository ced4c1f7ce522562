/// A PowerShell token, with where it starts and ends (1-based lines and columns).
public struct Token: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// A bare word: a command name, a bare argument (`smtp.office365.com`), a keyword.
        case word
        /// `-Name` (any of the four dash characters); `text` is the name without the dash.
        /// `-Name:value` gives a parameter token with `attachedValue` set.
        case parameter
        /// `$name`, `${name}`, `$env:NAME`; `text` is the name without `$`.
        case variable
        /// `@name`: splatting; `text` is the name.
        case splat
        /// A single-quoted string or here-string; `text` is its value.
        case singleQuoted
        /// A double-quoted string or here-string; `text` is its value (escapes applied, not expanded).
        case doubleQuoted
        case number
        /// `(` `)` `{` `}` `[` `]` `,` `=` `+=` `.` `::` `@(` `@{` `$(` and other operators.
        case punctuation
        /// `|`
        case pipe
        /// End of a statement: a line break (not continued by a backtick) or `;`.
        case statementEnd
        case comment
    }

    public var kind: Kind
    public var text: String
    public var line: Int
    public var column: Int
    public var endLine: Int
    /// For `-Name:value`, the value text (the value itself follows as its own token when quoted).
    public var attachedValue: Bool = false
    /// The token's bytes in the tokenized input (offsets count a leading BOM): tokens are in
    /// order, never overlap, and only skipped white space and line continuations lie between
    /// them (checked by the scan fuzz target).
    public var range: Range<Int> = 0..<0

    public init(kind: Kind, text: String, line: Int, column: Int, endLine: Int, attachedValue: Bool = false) {
        self.kind = kind
        self.text = text
        self.line = line
        self.column = column
        self.endLine = endLine
        self.attachedValue = attachedValue
    }

    public var isString: Bool { kind == .singleQuoted || kind == .doubleQuoted }
}
