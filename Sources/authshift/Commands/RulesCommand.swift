import Analysis
import ArgumentParser
import AuthShiftCore
import Scan

/// `authshift rules`: the catalogue of scan and advice rules, rendered from the rules' own
/// descriptions. `--format markdown` is docs/rules.md as committed.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the scan rules and the advice rules, with their IDs.",
        discussion: "--format markdown prints the full catalogue (descriptions, sources, examples) as docs/rules.md holds it: "
            + RuleCatalogueDocument.regenerateCommand
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown
    }

    @Option(help: "Output format: text (one line per rule) or markdown (the full catalogue).")
    var format: Format = .text

    func run() {
        switch format {
        case .text:
            StandardOutput.write(RuleCatalogueDocument.text(sections: [ScanRuleCatalogue.text(), AdviceRuleCatalogue.text()]))
        case .markdown:
            StandardOutput.write(RuleCatalogueDocument.markdown(sections: [ScanRuleCatalogue.markdown(), AdviceRuleCatalogue.markdown()]))
        }
    }
}
