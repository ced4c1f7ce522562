import AuthShiftCore
import Foundation
import Testing

@testable import Analysis

/// Runs every rule's own examples (the SwiftLint pattern), checks the chain picks each
/// rule for its triggering examples, and that every file in Rules/ is registered.
@Suite struct AdviceRuleTests {
    struct RuleCase: CustomTestStringConvertible, Sendable {
        let rule: any AdviceRule.Type
        var testDescription: String { rule.id }
    }

    static let rules = BuiltInAdviceRules.all.map(RuleCase.init)

    @Test(arguments: rules)
    func triggeringExamplesTrigger(c: RuleCase) {
        #expect(!c.rule.triggeringExamples.isEmpty)
        for facts in c.rule.triggeringExamples {
            #expect(c.rule.applies(to: facts) != nil)
            let chosen = BuiltInAdviceRules.recommend(facts)
            #expect(chosen.rule == c.rule.id, "the chain picked \(chosen.rule)")
            #expect(!chosen.why.isEmpty && !chosen.watchPoints.isEmpty && !chosen.source.isEmpty)
        }
    }

    @Test(arguments: rules)
    func nonTriggeringExamplesDoNot(c: RuleCase) {
        for facts in c.rule.nonTriggeringExamples { #expect(c.rule.applies(to: facts) == nil) }
    }

    @Test func everyRuleFileIsRegistered() throws {
        let folder = #filePath.components(separatedBy: "/Tests/")[0] + "/Sources/Analysis/Advice/Rules"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".swift") }.map {
            String($0.dropLast(6))
        }
        let registered = BuiltInAdviceRules.all.map { String(describing: $0) }
        #expect(Set(files) == Set(registered))
        #expect(Set(BuiltInAdviceRules.all.map { $0.id }).count == registered.count, "rule IDs are unique")
    }

    @Test func everyPathHasARule() {
        let paths = Set(BuiltInAdviceRules.all.map { $0.path })
        #expect(paths == Set(MigrationPath.allCases))
    }

    @Test func provisionalDefaultPrefersHVEForInternalMail() {
        let r = BuiltInAdviceRules.recommend(
            .example {
                $0.recipients = .internal
                $0.volume = .low
            })
        #expect(r.path == .hve)
        #expect(r.confidence == .provisional)
    }

    @Test func directSendCarriesTheCISWarning() {
        #expect(InternalDeviceDirectSendRule.watchPoints.contains { $0.contains("CIS 6.5.5") && $0.contains("RejectDirectSend") })
    }
}
