import Testing

@testable import Scan

/// The tokenizer fills its token Array in parts when a file is denser in tokens than it
/// reserves room for (one token in five bytes): the tokens across a part's edge must be the
/// same as anywhere else.
@Suite struct TokenizerPartsTests {
    @Test func aFileOfOneByteTokensFillsSeveralParts() {
        let bytes = [UInt8](repeating: UInt8(ascii: ";"), count: 1000) + Array("Send-MailMessage".utf8)
        let tokens = Tokenizer.tokenize(bytes: bytes).tokens
        #expect(tokens.count == 1001)
        #expect(tokens.dropLast().enumerated().allSatisfy { $1.kind == .statementEnd && $1.range == $0..<($0 + 1) })
        #expect(tokens.last?.kind == .word && tokens.last?.range == 1000..<1016 && tokens.last?.column == 1001)
    }

    @Test func linesAndRangesCarryAcrossParts() {
        let text = String(repeating: "x\n", count: 400)
        let script = Tokenizer.tokenize(text)
        #expect(script.tokens.count == 800)
        for (n, token) in script.tokens.enumerated() {
            #expect(token.line == n / 2 + 1)
            #expect(token.range == n..<(n + 1))
            #expect(token.kind == (n % 2 == 0 ? .word : .statementEnd))
        }
    }
}
