import Testing
@testable import ChangeScripts

@Suite struct PowerShellLiteralTests {
    @Test(arguments: [
        ("plain", "'plain'"),
        ("O'Brien", "'O''Brien'"),
        ("$(Remove-Item C:\\)", "'$(Remove-Item C:\\)'"),
        ("back`tick", "'back`tick'"),
        ("\u{2018}typographic\u{2019}", "'\u{2018}\u{2018}typographic\u{2019}\u{2019}'"),
        ("\u{201A}low\u{201B}", "'\u{201A}\u{201A}low\u{201B}\u{201B}'"),
        ("a\nb", "'a\nb'"),
        ("#> <#", "'#> <#'"),
    ])
    func quotesEveryValueAsASingleQuotedLiteral(value: String, expected: String) {
        #expect(PowerShellLiteral.quote(value) == expected)
    }
}

@Suite struct PowerShellCommentTextTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("2026-11-28T09:00:00Z #> Remove-Item C:\\", "2026-11-28T09:00:00Z # > Remove-Item C:\\"),
        ("<#nested", "< #nested"),
        ("line one\nline two\r\nthree", "line one line two three"),
        ("tab\there\u{2028}sep\u{85}nel", "tab here sep nel"),
        ("##>>", "## >>"),
    ])
    func keepsAValueInsideItsComment(value: String, expected: String) {
        #expect(PowerShellLiteral.commentText(value) == expected)
    }

    @Test func booleansAndNumbers() {
        #expect(PowerShellLiteral.boolean(true) == "$true")
        #expect(PowerShellLiteral.boolean(false) == "$false")
        #expect(PowerShellLiteral.boolean(nil) == "$null")
        #expect(PowerShellLiteral.integer(-30) == "-30")
    }
}
