import AuthShiftCore
import Scan
import Testing

@testable import ChangeScripts

/// Adversarial values from the exports must come out of every generated script as
/// single-quoted literals and nowhere else. The scan module's PowerShell tokenizer splits each
/// script into code, comments and literals, as PowerShell's tokenizer would.
@Suite struct ScriptInjectionTests {
    static let hostile = [
        "$(Remove-Mailbox -Identity boss@contoso.com -Confirm:$false)",
        "back`ttick`$(whoami)",
        "O'Brien'; Set-TransportConfig -SmtpClientAuthenticationDisabled $false; '",
        "\u{2018}typographic\u{2019}; Remove-Item C:\\ -Recurse; \u{201B}",
        "line one\nSet-CASMailbox -Identity x -SmtpClientAuthenticationDisabled $false",
        "#> <# closes the help block",
        "\"double\" $env:USERNAME ${env:PATH}",
        "semi;colon&amp|pipe @splat",
        "\u{201A}low quote\u{201A}",
    ]

    /// Splits PowerShell text with the scanner's tokenizer (an implementation independent of
    /// the generators, with the same single-quote set PowerShell's own tokenizer uses): each
    /// single-quoted literal and each comment with its value, and everything else as one `code`
    /// text (double-quoted strings included) with the literals and comments cut out.
    static func scan(_ text: String) -> [(kind: String, text: String)] {
        let bytes = Array(text.utf8)
        var tokens: [(kind: String, text: String)] = []
        var code: [UInt8] = []
        var at = 0
        let script = Tokenizer.tokenize(bytes: bytes)
        for token in script.tokens where token.kind == .singleQuoted || token.kind == .comment {
            code += bytes[at..<token.range.lowerBound]
            at = token.range.upperBound
            tokens.append((token.kind == .singleQuoted ? "single" : "comment", script.text(token)))
        }
        code += bytes[at...]
        tokens.append(("code", String(decoding: code, as: UTF8.self)))
        return tokens
    }

    static func hostileChangeSet() -> ChangeSet {
        let changes = hostile.map { ChangeSet.MailboxChange(mailbox: $0, target: false, previous: .null, reason: $0) }
        return ChangeSet(
            generatedBy: hostile[5], generatedAt: hostile[4] + " #>\nRemove-Item C:\\ -Recurse\n<#",
            inputs: hostile.map { InputFile(path: $0, kind: $0, rows: 1, sha256: $0) },
            tenantDisabled: .value(false), exceptionMailboxes: changes, expiredMailboxes: changes, shadowMailboxes: changes,
            temporaryPolicyUsers: hostile.map { (user: $0, previousPolicy: $0, reason: $0) }, temporaryPolicyName: hostile[2])
    }

    /// Every text a ChangeSet carries, found by reflection, so a field added later without a
    /// hostile value here fails this suite instead of going untested.
    static func strings(in value: Any) -> [String] {
        if let s = value as? String { return [s] }
        return Mirror(reflecting: value).children.flatMap { strings(in: $0.value) }
    }

    @Test func theHostileChangeSetFillsEveryTextField() {
        let texts = Self.strings(in: Self.hostileChangeSet())
        #expect(texts.count > 40)
        for text in texts {
            #expect(Self.hostile.contains { text.contains($0) }, "\(text.debugDescription) is a field the injection tests do not cover")
        }
    }

    @Test func everyHostileValueIsOneSingleQuotedLiteral() {
        for script in PlanScripts(Self.hostileChangeSet()).all() {
            let tokens = Self.scan(script.text)
            let literals = tokens.filter { $0.kind == "single" }.map(\.text)
            for value in Self.hostile {
                #expect(
                    literals.contains(value) || literals.contains { $0.contains(value) },
                    "\(script.name): \(value.debugDescription) is not a literal")
            }
        }
    }

    /// Fragments that would be dangerous outside a literal or a comment.
    static let fragments = [
        "Remove-Mailbox", "whoami", "Remove-Item", "typographic", "line one", "closes the help block", "env:USERNAME",
        "semi;colon", "low quote", "O'Brien", "Set-TransportConfig -SmtpClientAuthenticationDisabled $false;",
    ]

    @Test func noGeneratedScriptContainsAnUnquotedValue() {
        for script in PlanScripts(Self.hostileChangeSet()).all() {
            let tokens = Self.scan(script.text)
            let code = tokens.filter { $0.kind == "code" }.map(\.text).joined(separator: "\n")
            for fragment in Self.fragments {
                #expect(!code.contains(fragment), "\(script.name): \(fragment) appears outside a single-quoted literal or a comment")
            }
            // The help block stays one comment: the generation stamp and the generator's name stay inside it.
            let help = tokens.first { $0.kind == "comment" && $0.text.contains(".SYNOPSIS") }?.text ?? ""
            #expect(help.contains("Remove-Item C:"), "\(script.name): --generated-at left the help block")
            #expect(help.contains("closes the help block"), "\(script.name): the generator's name left the help block")
        }
    }

    @Test func theCollectorKeepsItsValuesInLiteralsAndComments() {
        let script = CollectorScript(
            signIn: .certificate(
                appId: Self.hostile[0], thumbprint: Self.hostile[1], organization: Self.hostile[2], tenantId: Self.hostile[3]),
            outputFolder: Self.hostile[4], generatedBy: Self.hostile[5] + "\nRemove-Item C:\\"
        ).render()
        let tokens = Self.scan(script)
        let code = tokens.filter { $0.kind == "code" }.map(\.text).joined(separator: "\n")
        for fragment in Self.fragments { #expect(!code.contains(fragment), "collector: \(fragment) outside a literal or comment") }
        let literals = tokens.filter { $0.kind == "single" }.map(\.text)
        for value in Self.hostile[0...4] { #expect(literals.contains(value), "collector: \(value.debugDescription) is not a literal") }
    }

    @Test func scannerAgreesWithPowerShellQuoting() {
        for value in Self.hostile {
            let tokens = Self.scan("$x = " + PowerShellLiteral.quote(value) + "\n")
            #expect(tokens.filter { $0.kind == "single" }.map(\.text) == [value])
            #expect(tokens.filter { $0.kind == "code" }.map(\.text).joined() == "$x = \n")
        }
    }
}
