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
