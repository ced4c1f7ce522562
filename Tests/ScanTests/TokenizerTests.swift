import Testing

@testable import Scan

@Suite struct TokenizerTests {
    func kinds(_ text: String) -> [(Token.Kind, String)] {
        textTokens(text).filter { $0.kind != .statementEnd }.map { ($0.kind, $0.text) }
    }

    func same(_ a: [(Token.Kind, String)], _ b: [(Token.Kind, String)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    @Test func commandWithParametersAndStrings() {
        let t = kinds("Connect-ExchangeOnline -Credential $cred -ShowBanner:$false -Organization 'contoso.onmicrosoft.com'")
        #expect(
            same(
                t,
                [
                    (.word, "Connect-ExchangeOnline"), (.parameter, "Credential"), (.variable, "cred"), (.parameter, "ShowBanner"),
                    (.variable, "false"), (.parameter, "Organization"), (.singleQuoted, "contoso.onmicrosoft.com"),
                ]))
        #expect(textTokens("x -ShowBanner:$false")[1].attachedValue)
    }

    @Test(arguments: ["\u{2013}", "\u{2014}", "\u{2015}", "-"])
    func everyDashStartsAParameter(dash: String) {
        let t = textTokens("Connect-ExchangeOnline \(dash)Cred $c")
        #expect(t[1].kind == .parameter && t[1].text == "Cred")
    }

    @Test func typographicQuotesAndDoubling() {
        #expect(same(kinds("\u{2018}it\u{2019}\u{2019}s\u{2019}"), [(.singleQuoted, "it\u{2019}s")]))
        #expect(same(kinds("'O''Brien'"), [(.singleQuoted, "O'Brien")]))
        #expect(same(kinds("\u{201C}a\u{201D}\u{201D}b\u{201D}"), [(.doubleQuoted, "a\"b")]))
        #expect(same(kinds("\"tab`there `\"q`\"\""), [(.doubleQuoted, "tab\there \"q\"")]))
    }

    @Test func commentsDoNotNestAndHashGreaterMeansNothingInALineComment() {
        let t = kinds("<# a <# b #> Connect-ExchangeOnline -Credential $c\n# note #> Connect-MsolService -Credential $c\nGet-Mailbox")
        #expect(t[0].0 == .comment && t[0].1 == "<# a <# b #>")
        #expect(t[1] == (.word, "Connect-ExchangeOnline"))
        #expect(t.contains { $0.0 == .comment && $0.1.hasPrefix("# note #> Connect-MsolService") })
        #expect(t.last! == (.word, "Get-Mailbox"))
    }

    @Test func hereStrings() {
        let text = "$x = @'\nConnect-ExchangeOnline -Credential $c\n'@\n$y = @\"\nline `$z\n\"@\nGet-Date"
        let t = kinds(text)
        #expect(t.contains { $0.0 == .singleQuoted && $0.1 == "Connect-ExchangeOnline -Credential $c" })
        #expect(t.contains { $0.0 == .doubleQuoted && $0.1 == "line `$z" || $0.1 == "line $z" })
        #expect(t.last! == (.word, "Get-Date"))
        #expect(!t.contains { $0.0 == .word && $0.1 == "Connect-ExchangeOnline" })
    }

    @Test func backtickContinuationJoinsLines() {
        let tokens = textTokens("Send-MailMessage `\n  -SmtpServer smtp.office365.com `\r\n  -Credential $c\n")
        let kinds = tokens.map(\.kind)
        #expect(kinds == [.word, .parameter, .word, .parameter, .variable, .statementEnd])
        #expect(tokens[4].line == 3)
    }

    @Test func variablesSplatsAndPunctuation() {
        let t = kinds(
            "$p = @{ 'Credential' = $c; Organization = ${org} }\nConnect-ExchangeOnline @p\n$PSDefaultParameterValues['Connect-ExchangeOnline:Credential'] = $c\n$env:SMTP_HOST"
        )
        #expect(t.contains { $0 == (.splat, "p") })
        #expect(t.contains { $0 == (.variable, "org") })
        #expect(t.contains { $0 == (.variable, "PSDefaultParameterValues") })
        #expect(t.contains { $0 == (.singleQuoted, "Connect-ExchangeOnline:Credential") })
        #expect(t.contains { $0 == (.variable, "env:SMTP_HOST") })
        #expect(t.contains { $0 == (.punctuation, "@{") })
    }

    @Test func typeLiteralsEndAtTheClosingBracket() {
        #expect(
            same(
                kinds("[System.Net.Mail.SmtpClient]::new('h', 587)"),
                [
                    (.punctuation, "["), (.word, "System.Net.Mail.SmtpClient"), (.punctuation, "]"),
                    (.word, "::new"), (.punctuation, "("), (.singleQuoted, "h"), (.punctuation, ","),
                    (.number, "587"), (.punctuation, ")"),
                ]))
        #expect(
            same(
                kinds("[xml]$settings = 1"),
                [(.punctuation, "["), (.word, "xml"), (.punctuation, "]"), (.variable, "settings"), (.punctuation, "="), (.number, "1")]))
        #expect(same(kinds("$config.SmtpPassword"), [(.variable, "config"), (.word, ".SmtpPassword")]))
    }

    @Test func neverGivesUp() {
        // Unterminated string, unterminated comment, invalid UTF-8, a BOM, CRLF.
        #expect(textTokens("Get-Date 'open string\nmore").last?.kind == .singleQuoted)
        #expect(textTokens("<# never closed\nConnect-ExchangeOnline").count == 1)
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Get-Date ".utf8) + [0xFF, 0xFE, 0x80] + Array(" -X\r\n".utf8)
        let t = textTokens(bytes: bytes)
        #expect(t.first?.text == "Get-Date")
        #expect(t.contains { $0.kind == .parameter && $0.text == "X" })
    }

    @Test func linesAndColumns() {
        let t = textTokens("Get-Date\n  Connect-ExchangeOnline -Credential $c")
        let connect = t.first { $0.text == "Connect-ExchangeOnline" }!
        #expect(connect.line == 2 && connect.column == 3)
        let multi = textTokens("$x = 'a\nb\nc'")
        #expect(multi.last?.line == 1 && multi.last?.endLine == 3)
    }
}

@Suite struct CommandParserTests {
    @Test func hashtableValuesAreNotCommandsButAssignmentsAndGroupsAre() {
        let names = CommandParser.commands(
            in: Tokenizer.tokenize(
                "$p = @{ Server = smtp.office365.com; Inner = @{ Host = relay }; Cred = (Get-Credential) }\n$c = Import-Clixml x.xml")
        )
        .map(\.canonicalName)
        #expect(names == ["get-credential", "import-clixml"])
    }

    @Test func staticConstructorsReadAsNewObjectAndMemberAccessIsOneValue() {
        let commands = CommandParser.commands(
            in: Tokenizer.tokenize(
                "$c = [System.Net.Mail.SmtpClient]::new('smtp.office365.com', 587)\nSend-Thing $config.Password $cred.GetNetworkCredential() -X 1"
            ))
        #expect(commands.map(\.canonicalName) == ["new-object", "send-thing"])
        #expect(commands[0].positional.first.map { $0.script.text($0.first) } == "System.Net.Mail.SmtpClient")
        #expect(
            commands[0].positional.first?.tokens.contains { $0.isString && commands[0].script.text($0) == "smtp.office365.com" } == true)
        #expect(commands[1].positional.count == 2)
        #expect(commands[1].positional[0].tokens.map { commands[1].script.text($0) } == ["config", ".Password"])
    }

    @Test func aVariablePipedIntoACommandIsItsPipedValue() {
        let c = CommandParser.commands(in: Tokenizer.tokenize("$s = $($pw | ConvertTo-SecureString -AsPlainText -Force)")).first {
            $0.canonicalName == "convertto-securestring"
        }
        #expect(c?.pipedValue?.kind == .variable && c.flatMap { c in c.pipedValue.map { c.script.text($0) } } == "pw")
    }
}
