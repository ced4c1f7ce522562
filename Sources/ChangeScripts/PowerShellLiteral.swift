/// The only place a value becomes PowerShell text.
///
/// Every value goes out as a single-quoted literal, where PowerShell expands nothing
/// (`$`, backtick, `$(...)` stay text). Inside one, PowerShell ends the string at any of
/// the single-quote characters `'` U+2018 U+2019 U+201A U+201B and takes two in a row as
/// one literal quote (about_Quoting_Rules; the tokenizer's IsSingleQuote), so each is
/// doubled. Line breaks are legal inside single quotes and stay literal.
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
}
