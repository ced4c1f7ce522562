/// A PowerShell token: byte ranges into the script's buffer and where it starts and ends
/// (1-based lines and columns). It holds no text of its own, so making one allocates nothing;
/// `TokenizedScript.text(_:)` gives its value as a String when a rule needs it.
public struct Token: Sendable, Equatable {
    public enum Kind: UInt8, Sendable, Equatable {
        /// A bare word: a command name, a bare argument (`smtp.office365.com`), a keyword.
        case word
        /// `-Name` (any of the four dash characters); the value is the name without the dash.
        /// `-Name:value` gives a parameter token with `attachedValue` set.
        case parameter
        /// `$name`, `${name}`, `$env:NAME`; the value is the name without `$`.
        case variable
        /// `@name`: splatting; the value is the name.
        case splat
        /// A single-quoted string or here-string; the value is its content.
        case singleQuoted
        /// A double-quoted string or here-string; the value is its content (escapes applied, not expanded).
        case doubleQuoted
        case number
        /// `(` `)` `{` `}` `[` `]` `,` `=` `+=` `||` `@(` `@{` `$(` and bytes no other rule takes.
        case punctuation
        /// `|`
        case pipe
        /// End of a statement: a line break (not continued by a backtick) or `;`.
        case statementEnd
        case comment
    }

    /// Brackets by kind: the command parser needs to know `(` from `@{` (a hashtable's keys are
    /// not commands) and that `)`, `}` and `]` close any of them.
    enum Bracket: UInt8, Sendable {
        case none = 0
        case paren, subexpression, arraySubexpression, brace, hashtable, type
        case closer
    }

    public var kind: Kind
    /// For `-Name:value`: the value follows as its own token.
    public var attachedValue: Bool = false
    /// The value needs unescaping (backticks, doubled quotes); otherwise it is the bytes of
    /// `value` as they are.
    var escaped = false
    /// For punctuation, the bracket it opens or closes, set by the tokenizer so the command
    /// parser tracks nesting from this byte instead of reading the script's bytes again.
    var bracket: Bracket = .none
    var start: Int32
    var end: Int32
    var valueStart: Int32
    var valueEnd: Int32
    var startLine: Int32
    var startColumn: Int32
    var lastLine: Int32

    init(
        kind: Kind, range: Range<Int>, value: Range<Int>, line: Int, column: Int, endLine: Int, escaped: Bool = false,
        attachedValue: Bool = false, bracket: Bracket = .none
    ) {
        self.kind = kind
        self.attachedValue = attachedValue
        self.escaped = escaped
        self.bracket = bracket
        start = Int32(truncatingIfNeeded: range.lowerBound)
        end = Int32(truncatingIfNeeded: range.upperBound)
        valueStart = Int32(truncatingIfNeeded: value.lowerBound)
        valueEnd = Int32(truncatingIfNeeded: value.upperBound)
        startLine = Int32(truncatingIfNeeded: line)
        startColumn = Int32(truncatingIfNeeded: column)
        lastLine = Int32(truncatingIfNeeded: endLine)
    }

    public var line: Int { Int(startLine) }
    public var column: Int { Int(startColumn) }
    public var endLine: Int { Int(lastLine) }
    /// The token's bytes in the tokenized input (offsets count a leading BOM): tokens are in
    /// order, never overlap, and only skipped white space and line continuations lie between
    /// them (checked by the scan fuzz target).
    public var range: Range<Int> { Int(start)..<Int(end) }
    /// The bytes of the value: a string's content, a variable's name, a parameter's name.
    public var value: Range<Int> { Int(valueStart)..<Int(valueEnd) }
    var valueCount: Int { Int(valueEnd - valueStart) }

    public var isString: Bool { kind == .singleQuoted || kind == .doubleQuoted }
}
