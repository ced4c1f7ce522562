import AuthShiftCore

/// The advice rules as a document: in the order `BuiltInAdviceRules` tries them, each rule's
/// ID, the path it recommends, its source, what to watch, and its examples written as the
/// facts that differ from a baseline sender. Rendered from the rules themselves for
/// docs/rules.md (`authshift rules`).
public enum AdviceRuleCatalogue {
    /// One rule as the catalogue shows it.
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var path: MigrationPath
        public var source: String
        public var watchPoints: [String]
        /// Each example as the facts that differ from `SenderFacts.example()`.
        public var triggering: [String]
        public var nonTriggering: [String]
    }

    public static var entries: [Entry] {
        BuiltInAdviceRules.all.map { rule in
            Entry(
                id: rule.id, path: rule.path, source: rule.source, watchPoints: rule.watchPoints,
                triggering: rule.triggeringExamples.map(describe), nonTriggering: rule.nonTriggeringExamples.map(describe))
        }
    }

    /// The "Advice rules" section of docs/rules.md.
    public static func markdown() -> String {
        var out = """
            ## Advice rules

            `authshift assess` recommends one replacement path for each sender of the register. The rules \
            are tried in the order below and the first that applies decides; `provisional-default` \
            answers when none does, and its answer is marked provisional. Each recommendation carries \
            the facts that chose it, what to watch and the rule's source. The examples run as tests \
            (`Tests/AnalysisTests`): each triggering example must make the chain pick that rule. They \
            are written as the facts that differ from a baseline sender: \(describeBaseline). The \
            migration planning guide several rules cite is published at \
            <https://www.adminsignal.com/tutorials/exchange-online-smtp-auth-basic-auth-2026-migration>.

            | Order | ID | Path |
            |---|---|---|

            """
        for (index, entry) in entries.enumerated() {
            out += "| \(index + 1) | [`\(entry.id)`](#\(entry.id)) | \(MarkdownText.cell(entry.path.title)) |\n"
        }
        for entry in entries {
            out += "\n### \(entry.id)\n\nRecommends **\(entry.path.title)** (`\(entry.path.rawValue)`).\n"
            out += "\nSources:\n\n" + MarkdownText.sourceList(entry.source)
            out += list("Watch", entry.watchPoints)
            out += list("Decides for", entry.triggering)
            out += list("Does not apply to", entry.nonTriggering)
        }
        return out
    }

    /// A heading, then one line per rule in the order tried: ID and path, for a terminal.
    public static func text() -> String {
        RuleCatalogueDocument.textList(
            heading: "Advice rules (authshift assess), in the order tried", rows: entries.map { (id: $0.id, text: $0.path.title) })
    }

    static let describeBaseline = "SMTP AUTH Basic, owner recorded, used recently, everything else unknown"

    /// The facts of an example that differ from `SenderFacts.example()`, named as the register
    /// and the inventory name them.
    static func describe(_ facts: SenderFacts) -> String {
        let base = SenderFacts.example()
        var parts: [String] = []
        if facts.currentAuth != base.currentAuth { parts.append("currentAuth \(facts.currentAuth.rawValue)") }
        if facts.recipients != base.recipients { parts.append("recipients \(facts.recipients.rawValue)") }
        if facts.volume != base.volume { parts.append("volume \(facts.volume.rawValue)") }
        if facts.workload != base.workload { parts.append("workload \(facts.workload ?? "unknown")") }
        if facts.oauthCapable != base.oauthCapable { parts.append("oauthCapable \(facts.oauthCapable ?? "unknown")") }
        if facts.staticIP != base.staticIP { parts.append("staticIP \(facts.staticIP ?? "unknown")") }
        if facts.owner != base.owner { parts.append(facts.owner.map { "owner \($0)" } ?? "no owner") }
        if facts.usedRecently != base.usedRecently { parts.append(facts.usedRecently ? "used recently" : "not used recently") }
        if facts.messages != base.messages { parts.append("messages \(facts.messages.map { String($0) } ?? "unknown")") }
        return parts.isEmpty ? "the baseline sender" : parts.joined(separator: ", ")
    }

    private static func list(_ heading: String, _ items: [String]) -> String {
        guard !items.isEmpty else { return "" }
        return "\n\(heading):\n\n" + items.map { "- \($0)\n" }.joined()
    }
}
