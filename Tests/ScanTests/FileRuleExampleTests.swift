import Foundation
import Testing

@testable import Scan

@Suite struct FileRuleExampleTests {
    struct RuleCase: CustomTestStringConvertible, Sendable {
        let rule: any FileRule.Type
        var testDescription: String { rule.id }
    }

    static let rules = BuiltInScanRules.fileRules.map(RuleCase.init)

    func hits(_ rule: any FileRule.Type, _ name: String, _ text: String) -> [(line: Int, hit: RuleHit)] {
        guard let language = SourceLanguage.of(fileName: name) else { return [] }
        return rule.check(bytes: Array(text.utf8), language: language)
    }

    @Test(arguments: rules)
    func triggeringExamplesTrigger(c: RuleCase) {
        for (name, text) in c.rule.triggeringExamples {
            #expect(!hits(c.rule, name, text).isEmpty, "\(c.rule.id) missed \(name):\n\(text)")
        }
    }

    @Test(arguments: rules)
    func nonTriggeringExamplesDoNot(c: RuleCase) {
        for (name, text) in c.rule.nonTriggeringExamples {
            #expect(hits(c.rule, name, text).isEmpty, "\(c.rule.id) fired on \(name):\n\(text)")
        }
    }

    @Test(arguments: rules)
    func commentedOutExamplesDoNotTrigger(c: RuleCase) {
        for (name, text) in c.rule.triggeringExamples {
            let language = SourceLanguage.of(fileName: name)!
            let prefix: String
            switch language {
            case .python, .dotenv, .yaml, .ini: prefix = "# "
            case .xmlConfig:
                // XML comments span lines: the whole example inside one <!-- ... --> must not fire.
                let wrapped = "<?xml version=\"1.0\"?>\n<!--\n" + text + "\n-->\n<configuration />\n"
                #expect(hits(c.rule, name, wrapped).isEmpty, "\(c.rule.id) fired on \(name) inside a multi-line XML comment")
                continue
            case .jsonConfig: prefix = "// "
            default: prefix = "// "
            }
            let commented = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : prefix + $0 }.joined(
                separator: "\n")
            #expect(hits(c.rule, name, commented).isEmpty, "\(c.rule.id) fired on commented-out \(name)")
        }
    }

    @Test func passwordsNeverAppearInFindings() {
        for (name, text) in ConfigSMTPBasicRule.triggeringExamples {
            for (_, hit) in hits(ConfigSMTPBasicRule.self, name, text) {
                #expect(!hit.message.contains("Pa55word") && !hit.replacement.contains("Pa55word"))
            }
        }
    }

    @Test func xmlCommentsAreBlankedAcrossLinesAndLinesHold() {
        let text = "<a>\n<!-- one\ntwo --> <add key=\"SmtpPassword\" value=\"Pa55word\"/>\n"
        let blanked = String(decoding: ConfigSMTPBasicRule.blankXMLComments(Array(text.utf8)), as: UTF8.self)
        #expect(blanked.split(separator: "\n", omittingEmptySubsequences: false).count == 4)
        #expect(!blanked.contains("one") && !blanked.contains("two") && blanked.contains("<add key"))
        // A key after the comment on the same line still counts.
        #expect(hits(ConfigSMTPBasicRule.self, "web.config", text).first?.line == 3)
    }

    @Test func codeViewBlanksCommentsAndKeepsLines() {
        let view = CodeView(
            bytes: Array("a = 1 // x smtp.office365.com\n/* multi\nline */ b = \"smtp.office365.com\"\n".utf8), language: .csharp)
        #expect(!view.code.contains("x smtp"))
        #expect(view.strings == [CodeView.StringLiteral(value: "smtp.office365.com", line: 3)])
        #expect(view.code.split(separator: "\n", omittingEmptySubsequences: false).count == 4)
    }
}
