import Foundation
import Testing

@testable import Scan

/// Every rule's own examples (SwiftLint's pattern): triggering ones trigger that rule;
/// non-triggering ones do not; and every triggering example wrapped in a block comment, in
/// line comments or in a here-string triggers nothing.
@Suite struct ScanRuleExampleTests {
    struct RuleCase: CustomTestStringConvertible, Sendable {
        let rule: any ScanRule.Type
        var testDescription: String { rule.id }
    }

    static let rules = BuiltInScanRules.all.map(RuleCase.init)

    @Test(arguments: rules)
    func triggeringExamplesTrigger(c: RuleCase) {
        #expect(!c.rule.triggeringExamples.isEmpty)
        for example in c.rule.triggeringExamples {
            let findings = PowerShellScanner.scan(example)
            #expect(findings.contains { $0.rule == c.rule.id }, "\(c.rule.id) missed:\n\(example)")
        }
    }

    @Test(arguments: rules)
    func nonTriggeringExamplesDoNot(c: RuleCase) {
        for example in c.rule.nonTriggeringExamples {
            let findings = PowerShellScanner.scan(example, rules: [c.rule])
            #expect(findings.isEmpty, "\(c.rule.id) fired on:\n\(example)")
        }
    }

    @Test(arguments: rules)
    func examplesInCommentsAndStringsDoNotTrigger(c: RuleCase) {
        for example in c.rule.triggeringExamples {
            let wrapped = [
                "<#\n\(example)\n#>\nGet-Date",
                example.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }.joined(separator: "\n"),
                "$doc = @'\n\(example)\n'@\nGet-Date",
                "$doc = @\"\n\(example.replacingOccurrences(of: "\"", with: "`\""))\n\"@",
            ]
            for w in wrapped {
                #expect(PowerShellScanner.scan(w).isEmpty, "\(c.rule.id) fired inside a comment or string:\n\(w)")
            }
        }
    }

    @Test func everyRuleFileIsRegistered() throws {
        let folder = #filePath.components(separatedBy: "/Tests/")[0] + "/Sources/Scan/Rules"
        let source = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".swift") }
            .map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }.joined()
        let declared = source.components(separatedBy: "public enum ").dropFirst().compactMap {
            $0.split(separator: ":").first.map(String.init)
        }
        let registered = BuiltInScanRules.all.map { String(describing: $0) } + BuiltInScanRules.fileRules.map { String(describing: $0) }
        #expect(Set(declared) == Set(registered))
        // A rule ID names one rule (SMTP-BASIC is only the family prefix of four).
        let ids = BuiltInScanRules.all.map { $0.id } + BuiltInScanRules.fileRules.map { $0.id }
        #expect(Set(ids).count == ids.count, "\(ids)")
        #expect(!ids.contains("SMTP-BASIC"))
        #expect(ids.filter { $0.hasPrefix("SMTP-BASIC-") }.count == 4)
    }

    @Test func findingsHavePositionsAndNoSecrets() {
        let script =
            "# header\n$pw = ConvertTo-SecureString 'Sup3rS3cret!' -AsPlainText -Force\n$c = New-Object System.Management.Automation.PSCredential('svc@contoso.com', $pw)\n\nConnect-ExchangeOnline `\n  -Credential $c `\n  -ShowBanner:$false\n"
        let findings = PowerShellScanner.scan(script, file: "jobs/report.ps1")
        let exo = findings.first { $0.rule == "EXO-CRED" }
        #expect(exo?.line == 5 && exo?.column == 1 && exo?.endLine == 7)
        #expect(exo?.severity == .critical, "the password is a literal")
        #expect(exo?.replacement.contains("-CertificateThumbprint") == true)
        #expect(findings.contains { $0.rule == "PS-PLAINTEXT-SECRET" && $0.line == 2 })
        for f in findings { #expect(!f.message.contains("Sup3rS3cret!") && !f.replacement.contains("Sup3rS3cret!")) }
    }

    @Test func azureAutomationGetsManagedIdentity() {
        let f = PowerShellScanner.scan("$c = Get-AutomationPSCredential -Name 'x'\nConnect-ExchangeOnline -Credential $c")
        #expect(f.first?.replacement.contains("-ManagedIdentity") == true)
        #expect(f.first?.severity == .high)
        let human = PowerShellScanner.scan("Connect-ExchangeOnline -Credential (Get-Credential)")
        #expect(human.first?.replacement.contains("-UserPrincipalName") == true)
        #expect(human.first?.severity == .medium)
    }
}

/// The prefilter must never hide a finding: every triggering example, written to a file and
/// scanned through the tree scanner, still triggers its rule.
@Suite struct PrefilterTests {
    @Test func triggeringExamplesSurviveThePrefilter() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("authshift-prefilter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var expected: [(String, String)] = []
        for (n, rule) in BuiltInScanRules.all.enumerated() {
            for (k, example) in rule.triggeringExamples.enumerated() {
                let name = "ps\(n)-\(k).ps1"
                try example.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
                expected.append((name, rule.id))
            }
        }
        for (n, rule) in BuiltInScanRules.fileRules.enumerated() {
            for (k, (file, text)) in rule.triggeringExamples.enumerated() {
                let sub = dir.appendingPathComponent("f\(n)-\(k)")
                try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
                try text.write(to: sub.appendingPathComponent(file), atomically: true, encoding: .utf8)
                expected.append(("f\(n)-\(k)/\(file)", rule.id))
            }
        }
        let result = try TreeScanner.scan([dir.path])
        for (file, rule) in expected {
            #expect(result.findings.contains { $0.file == file && $0.rule == rule }, "\(rule) lost on \(file)")
        }
    }
}
