/// docs/rules.md as one document: a title, the notice that says how it is made, then the
/// sections each rule family renders from its own descriptions (the scan rules, the advice
/// rules). `authshift rules --format markdown` writes it; a test fails when the committed
/// file differs from what the rules render.
public enum RuleCatalogueDocument {
    /// The command that rewrites docs/rules.md from a checkout.
    public static let regenerateCommand = "swift run authshift rules --format markdown > docs/rules.md"

    public static func markdown(sections: [String]) -> String {
        var out = """
            # Rules

            <!-- Generated from the rule descriptions in Sources/Scan/Rules and Sources/Analysis/Advice/Rules. \
            Do not edit by hand; regenerate with: \(regenerateCommand) -->

            authshift decides with two families of rules, each one a file with a stable ID, its own \
            documentation and examples that run as tests: the **scan rules** find stored-credential \
            automation and password SMTP in scripts, code and configuration (`authshift scan`), and the \
            **advice rules** choose a replacement path for each sender of the register \
            (`authshift assess`). This page is rendered from those descriptions by \
            `authshift rules --format markdown`.

            """
        for section in sections {
            out += "\n" + section
        }
        return out
    }

    /// The sections' plain-text lists, separated by a blank line.
    public static func text(sections: [String]) -> String {
        sections.joined(separator: "\n")
    }

    /// A heading line, then one line per rule: the ID padded to the longest, two spaces, the text.
    public static func textList(heading: String, rows: [(id: String, text: String)]) -> String {
        let width = rows.map { $0.id.count }.max() ?? 0
        return heading + "\n" + rows.map { $0.id + String(repeating: " ", count: width - $0.id.count + 2) + $0.text + "\n" }.joined()
    }
}
