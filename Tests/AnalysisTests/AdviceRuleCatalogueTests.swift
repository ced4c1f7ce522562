import AuthShiftCore
import Testing

@testable import Analysis

/// The advice section of docs/rules.md: every rule in the order the chain tries them, with
/// its examples written as the facts that differ from the baseline sender.
@Suite struct AdviceRuleCatalogueTests {
    @Test func listsEveryRuleInTheOrderTried() {
        let ids = AdviceRuleCatalogue.entries.map { $0.id }
        let tried = BuiltInAdviceRules.all.map { $0.id }
        #expect(ids == tried)
        let markdown = AdviceRuleCatalogue.markdown()
        for (index, rule) in BuiltInAdviceRules.all.enumerated() {
            #expect(markdown.contains("| \(index + 1) | [`\(rule.id)`](#\(rule.id)) |"), "no table row for \(rule.id)")
            #expect(markdown.contains("\n### \(rule.id)\n"), "no section for \(rule.id)")
            #expect(markdown.contains("Sources:\n\n" + MarkdownText.sourceList(rule.source)), "no sources for \(rule.id)")
        }
    }

    @Test func examplesAreTheFactsThatDifferFromTheBaseline() {
        #expect(AdviceRuleCatalogue.describe(SenderFacts.example()) == "the baseline sender")
        #expect(AdviceRuleCatalogue.describe(SenderFacts.example { $0.staticIP = "yes" }) == "staticIP yes")
        let facts = SenderFacts.example { facts in
            facts.owner = nil
            facts.usedRecently = false
            facts.recipients = .internal
            facts.workload = "scanner"
        }
        #expect(AdviceRuleCatalogue.describe(facts) == "recipients internal, workload scanner, no owner, not used recently")
    }
}
