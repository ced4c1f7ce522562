import Testing

@testable import Scan

/// Inputs the scan fuzz target (Fuzz/run.sh) found, and the token-range property it checks.
@Suite struct TokenizerFuzzRegressionTests {
    /// Found by the fuzzer: an unclosed `${` swallowed its line break, so the next line joined
    /// the same statement and every later token had the wrong line.
    @Test func anUnclosedBracedVariableKeepsItsLineBreak() {
        let tokens = textTokens("Send-MailMessage ${oops\n-Credential $c\n")
        #expect(tokens.map(\.kind) == [.word, .variable, .statementEnd, .parameter, .variable, .statementEnd])
        let credential = tokens.first { $0.kind == .parameter }
        #expect(credential?.line == 2 && credential?.column == 1)
    }

    @Test func aClosedBracedVariableTakesItsBrace() {
        let tokens = textTokens("${my var} = 1")
        #expect(tokens.map(\.text) == ["my var", "=", "1"])
        #expect(tokens.map(\.range) == [0..<9, 10..<11, 12..<13])
    }

    /// Token ranges are byte offsets in the input (a BOM counted), in order, and only skipped
    /// white space and line continuations lie between them.
    @Test func rangesCoverTheInput() {
        let input: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("$c = Get-Credential `\r\n  -User 'a' # note\n@'\nx\n'@|Out-Null".utf8)
        let tokens = textTokens(bytes: input)
        #expect(
            tokens.map { String(decoding: input[$0.range], as: UTF8.self) }
                == ["$c", "=", "Get-Credential", "-User", "'a'", "# note", "\n", "@'\nx\n'@", "|", "Out-Null"])
    }
}
