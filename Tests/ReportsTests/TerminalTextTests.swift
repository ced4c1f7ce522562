import AuthShiftCore
import Testing

@testable import Reports

/// What devices sent (an EHLO name with escape sequences) is printed escaped, never raw.
@Suite struct TerminalTextTests {
    @Test func controlCharactersAreShownEscaped() {
        #expect(TerminalText.escaped("evil\u{1B}]0;owned\u{07}\u{1B}[2J") == "evil\\x1B]0;owned\\x07\\x1B[2J")
        #expect(TerminalText.escaped("a\r\nb\u{9B}31m\u{202E}") == "a\\r\\nb\\u{009B}31m\\u{202E}")
        #expect(TerminalText.escaped("Subject: x\n\tcontinued\u{7F}", keepingNewlines: true) == "Subject: x\n\tcontinued\\x7F")
        #expect(TerminalText.escaped("Scanner <scanner@contoso.com> é") == "Scanner <scanner@contoso.com> é")
    }

    @Test func tableCellsAreEscaped() {
        var table = TextTable(header: ["helo"])
        table.add(["\u{1B}[31mred"])
        #expect(!table.render().contains("\u{1B}"))
        #expect(table.render().contains("\\x1B[31mred"))
    }
}
