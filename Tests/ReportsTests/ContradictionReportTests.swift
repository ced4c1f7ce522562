import AuthShiftCore
import Foundation
import Testing

@testable import Reports

/// A contradiction between the exports and the sign-ins is shown in every report for people
/// (issue 12 item 4), not only in register.json.
@Suite struct ContradictionReportTests {
    static var register: Register {
        var r = JSONKeysTests.register
        let contradiction = BasicContradiction(
            layers: [.conditionalAccess], exports: ["ConditionalAccessPolicies.json"],
            exportDate: Timestamp.from(year: 2026, month: 11, day: 10), successes: 3,
            lastSuccess: Timestamp.from(year: 2026, month: 11, day: 20),
            meaning:
                "the exports say Basic SMTP is blocked (Conditional Access policy 'Block legacy'), but the sign-ins show 3 successful Basic SMTP sign-ins"
        )
        r.senders[0].contradiction = contradiction
        r.senders[0].currentAuth = .basic
        return r
    }

    @Test func reportsShowTheContradiction() throws {
        let r = Self.register
        let markdown = MarkdownReport.render(r)
        #expect(markdown.contains("## Exports contradicted by the sign-ins"))
        #expect(
            markdown.contains("- **printer@contoso.com**: the exports say Basic SMTP is blocked (Conditional Access policy 'Block legacy')")
        )
        let html = HTMLReport.render(r)
        #expect(html.contains("<h2 id=\"contradictions\">Exports contradicted by the sign-ins</h2>"))
        #expect(
            html.contains("Conditional Access policy &#39;Block legacy&#39;") || html.contains("Conditional Access policy 'Block legacy'"))
        #expect(
            TerminalSummary.render(r).contains(
                "Exports contradicted by the sign-ins (Basic succeeded after the exports that block it): 1 (printer@contoso.com)"))
        let csv = RegisterCSV.render(r)
        #expect(csv.contains(",contradiction\r\n") && csv.contains("Block legacy"))
    }

    @Test func noSectionWithoutContradictions() {
        #expect(!MarkdownReport.render(JSONKeysTests.register).contains("## Exports contradicted"))
    }
}
