import Testing

@testable import ChangeScripts

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
