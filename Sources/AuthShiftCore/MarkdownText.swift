import Foundation

/// Text placed into Markdown as itself: a table cell that a `|` or a line break cannot split,
/// and a fenced code block that a run of backticks inside the code cannot close early
/// (PowerShell escapes with a backtick).
public enum MarkdownText {
    /// A table cell: `|` escaped, line breaks as spaces.
    public static func cell(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// A fenced code block whose fence is longer than any backtick run in `code` (at least three).
    public static func fencedBlock(_ code: String, language: String = "") -> String {
        var longest = 0
        var run = 0
        for character in code {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = code.hasSuffix("\n") ? code : code + "\n"
        return fence + language + "\n" + body + fence + "\n"
    }

    /// A rule's source as a list, one document per item (sources join documents with "; "), a
    /// trailing address written as an autolink `<https://…>` so no punctuation after it joins it.
    public static func sourceList(_ source: String) -> String {
        source.components(separatedBy: "; ").map { item in
            guard let start = item.range(of: "https://"), !item[start.lowerBound...].contains(" ") else { return "- \(item)\n" }
            return "- " + item[..<start.lowerBound] + "<" + item[start.lowerBound...] + ">\n"
        }.joined()
    }
}
