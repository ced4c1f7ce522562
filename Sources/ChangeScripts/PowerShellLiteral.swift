/// The only place a value becomes PowerShell text.
///
/// Every value goes out as a single-quoted literal, where PowerShell expands nothing
/// (`$`, backtick, `$(...)` stay text). Inside one, PowerShell ends the string at any of
/// the single-quote characters `'` U+2018 U+2019 U+201A U+201B and takes two in a row as
/// one literal quote (about_Quoting_Rules; the tokenizer's IsSingleQuote), so each is
/// doubled. Line breaks are legal inside single quotes and stay literal.
///
/// Values shown to the reader in comments and in the comment-based help go through
/// `commentText`, Booleans through `boolean` and numbers through `integer`: nothing else
/// in the generators turns data into script text.
public enum PowerShellLiteral {
    static let singleQuotes: Set<Character> = ["'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"]

    public static func quote(_ value: String) -> String {
        var out = "'"
        for c in value {
            out.append(c)
            if singleQuotes.contains(c) { out.append(c) }
        }
        out.append("'")
        return out
    }

    /// A value shown inside a comment: a `#` line comment or the `<# ... #>` help block.
    ///
    /// A line break would end a `#` comment and make the rest of the value code, and `#>`
    /// would end the help block (about_Comments: a block comment ends at the first `#>`).
    /// So every line break and other control character becomes a space, and `#>` and `<#`
    /// are split by a space. The value stays readable; it is never code.
    public static func commentText(_ value: String) -> String {
        var out = ""
        var previous: Character = " "
        for c in value {
            let shown: Character = c.unicodeScalars.contains(where: isControlOrLineBreak) ? " " : c
            if (previous == "#" && shown == ">") || (previous == "<" && shown == "#") { out.append(" ") }
            out.append(shown)
            previous = shown
        }
        return out
    }

    /// `$true`, `$false`, or `$null` for a value that is blank (inherits).
    public static func boolean(_ value: Bool?) -> String {
        switch value {
        case true?: return "$true"
        case false?: return "$false"
        case nil: return "$null"
        }
    }

    /// A whole number as PowerShell reads it.
    public static func integer(_ value: Int) -> String { String(value) }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators (PowerShell's
    /// tokenizer ends a line at CR and LF; the others are replaced so no viewer breaks the line either).
    static func isControlOrLineBreak(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s == "\u{2028}" || s == "\u{2029}"
    }
}
