import AuthShiftCore
import Testing

@testable import Scan

/// The scan section of docs/rules.md: every registered rule, in order, with its examples
/// fenced so that PowerShell's backticks cannot break the page.
@Suite struct ScanRuleCatalogueTests {
    @Test func listsEveryRuleOnceInRegistryOrder() {
        let ids = ScanRuleCatalogue.entries.map { $0.id }
        let registered = BuiltInScanRules.all.map { $0.id } + BuiltInScanRules.fileRules.map { $0.id }
        #expect(ids == registered)
        let markdown = ScanRuleCatalogue.markdown()
        for id in ids {
            #expect(markdown.contains("\n### \(id)\n"), "no section for \(id)")
            #expect(markdown.contains("](#\(ScanRuleCatalogue.anchor(id))) |"), "no table row for \(id)")
        }
    }

    @Test func everyExampleAppearsVerbatim() {
        let markdown = ScanRuleCatalogue.markdown()
        for entry in ScanRuleCatalogue.entries {
            for example in entry.triggering + entry.nonTriggering {
                #expect(markdown.contains(example.text), "\(entry.id) example missing")
            }
        }
    }

    @Test func aFenceOutlastsTheBackticksInTheCode() {
        let block = MarkdownText.fencedBlock("$s = \"a```b\"", language: "powershell")
        #expect(block == "````powershell\n$s = \"a```b\"\n````\n")
        #expect(MarkdownText.fencedBlock("Get-Date") == "```\nGet-Date\n```\n")
    }

    @Test func sourcesAreListedOnePerDocumentWithTheirAddressesAsAutolinks() {
        let list = MarkdownText.sourceList("Guide, 'Options': https://example.com/a; Send-MailMessage: https://example.com/b; a note")
        #expect(list == "- Guide, 'Options': <https://example.com/a>\n- Send-MailMessage: <https://example.com/b>\n- a note\n")
    }

    @Test func aCellCannotSplitTheTable() {
        #expect(MarkdownText.cell("a | b\nc") == "a \\| b c")
    }
}

/// Every scan rule names the public pages it rests on, as the advice rules do.
@Suite struct ScanRuleSourceTests {
    @Test(arguments: ScanRuleCatalogue.entries.map { $0.id })
    func everyRuleCitesAPublicPage(id: String) throws {
        let entry = try #require(ScanRuleCatalogue.entries.first { $0.id == id })
        #expect(entry.source.contains("https://"), "\(id) cites no public page")
        #expect(!entry.source.contains(".md"), "\(id) cites a file, not a page")
    }
}
