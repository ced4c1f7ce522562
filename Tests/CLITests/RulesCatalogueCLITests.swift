import Foundation
import Testing

/// docs/rules.md is rendered from the rules' own descriptions; these tests fail when the
/// committed page no longer matches what the rules say.
@Suite struct RulesCatalogueCLITests {
    @Test func committedRulesPageMatchesTheRules() throws {
        let r = try CLI.run(["rules", "--format", "markdown"])
        #expect(r.status == 0, "\(r.stderr)")
        let committed = try String(contentsOfFile: CLI.repositoryRoot + "/docs/rules.md", encoding: .utf8)
        let stale = r.stdout != committed
        #expect(
            !stale,
            """
            docs/rules.md is stale: it differs from the rule descriptions in Sources/Scan/Rules and \
            Sources/Analysis/Advice/Rules. Regenerate it with:
                swift run authshift rules --format markdown > docs/rules.md
            """)
        if stale { Issue.record("first difference at line \(firstDifferentLine(r.stdout, committed))") }
    }

    @Test func everyRuleIDIsListedInTheTerminalForm() throws {
        let r = try CLI.run(["rules"])
        #expect(r.status == 0, "\(r.stderr)")
        for id in [
            "EXO-CRED", "EXO-RPS-BASIC", "MSOL-CRED", "AAD-CRED", "PS-PLAINTEXT-SECRET", "SMTP-BASIC-SENDMAIL", "SMTP-BASIC-DOTNET",
            "SMTP-BASIC-CODE", "SMTP-BASIC-CONFIG", "already-oauth", "relay-static-ip", "provisional-default",
        ] {
            #expect(r.stdout.contains(id + " "), "missing \(id)")
        }
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        let r = try CLI.run(["rules", "--format", "sarif"])
        #expect(r.status == 64)
    }

    private func firstDifferentLine(_ a: String, _ b: String) -> Int {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) where index >= left.count || index >= right.count || left[index] != right[index] {
            return index + 1
        }
        return 0
    }
}
