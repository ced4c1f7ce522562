import AuthShiftCore

/// The scan rules as a document: each rule's ID, title, help and examples, in the order
/// `BuiltInScanRules` lists them. It is rendered from the rules themselves (`authshift rules`
/// writes docs/rules.md with it), so the catalogue cannot say something the rules do not do.
public enum ScanRuleCatalogue {
    /// One rule as the catalogue shows it.
    public struct Entry: Sendable, Equatable {
        /// What the rule reads: PowerShell scripts, or application code and configuration files.
        public enum Input: String, Sendable {
            case powershell = "PowerShell scripts (.ps1, .psm1, .psd1)"
            case codeAndConfiguration = "application code and configuration files"
        }

        /// An example: its text and, for rules over whole files, the file name it is read as.
        public struct Example: Sendable, Equatable {
            public var fileName: String?
            public var text: String
        }

        public var id: String
        public var title: String
        public var help: String
        /// The public pages the rule rests on.
        public var source: String
        public var input: Input
        public var triggering: [Example]
        public var nonTriggering: [Example]
    }

    /// The PowerShell rules, then the rules over code and configuration files.
    public static var entries: [Entry] {
        let powershell = BuiltInScanRules.all.map { rule in
            Entry(
                id: rule.id, title: rule.title, help: rule.help, source: rule.source, input: .powershell,
                triggering: rule.triggeringExamples.map { Entry.Example(fileName: nil, text: $0) },
                nonTriggering: rule.nonTriggeringExamples.map { Entry.Example(fileName: nil, text: $0) })
        }
        let files = BuiltInScanRules.fileRules.map { rule in
            Entry(
                id: rule.id, title: rule.title, help: rule.help, source: rule.source, input: .codeAndConfiguration,
                triggering: rule.triggeringExamples.map { Entry.Example(fileName: $0.0, text: $0.1) },
                nonTriggering: rule.nonTriggeringExamples.map { Entry.Example(fileName: $0.0, text: $0.1) })
        }
        return powershell + files
    }

    /// The "Scan rules" section of docs/rules.md.
    public static func markdown() -> String {
        var out = """
            ## Scan rules

            `authshift scan` reports each finding under one of these rule IDs. The `SMTP-BASIC` rules \
            find SMTP AUTH with a password (Basic), which Exchange Online disables by default at the end \
            of December 2026; `SMTP-BASIC` is a family prefix, not an ID. Secret values are never \
            reported. Every example below runs as a test (`Tests/ScanTests`): the triggering ones must \
            trigger the rule, the others must not, and a triggering example commented out (for PowerShell, \
            also inside a here-string) must not trigger anything.

            | ID | Title | Reads |
            |---|---|---|

            """
        for entry in entries {
            out += "| [`\(entry.id)`](#\(anchor(entry.id))) | \(MarkdownText.cell(entry.title)) | \(entry.input.rawValue) |\n"
        }
        for entry in entries {
            out += "\n### \(entry.id)\n\n**\(entry.title).** \(entry.help)\n\nReads \(entry.input.rawValue).\n"
            out += "\nSources:\n\n" + MarkdownText.sourceList(entry.source)
            out += examples("Triggers on", entry.triggering)
            out += examples("Does not trigger on", entry.nonTriggering)
        }
        return out
    }

    /// A heading, then one line per rule: ID and title, for a terminal.
    public static func text() -> String {
        RuleCatalogueDocument.textList(heading: "Scan rules (authshift scan)", rows: entries.map { (id: $0.id, text: $0.title) })
    }

    /// GitHub's heading anchor for an ID heading: lower case, punctuation other than `-` dropped.
    static func anchor(_ id: String) -> String {
        String(id.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" })
    }

    private static func examples(_ heading: String, _ examples: [Entry.Example]) -> String {
        guard !examples.isEmpty else { return "" }
        var out = "\n\(heading):\n"
        for example in examples {
            let language = example.fileName == nil ? "powershell" : ""
            out += "\n" + (example.fileName.map { "`\($0)`:\n\n" } ?? "") + MarkdownText.fencedBlock(example.text, language: language)
        }
        return out
    }
}
