@testable import Scan

/// A token with its text, for tests that read tokens by value.
struct TextToken {
    let kind: Token.Kind
    let text: String
    let line: Int
    let column: Int
    let endLine: Int
    let attachedValue: Bool
    let range: Range<Int>
    var isString: Bool { kind == .singleQuoted || kind == .doubleQuoted }

    init(_ t: Token, in script: TokenizedScript) {
        kind = t.kind
        text = script.text(t)
        line = t.line
        column = t.column
        endLine = t.endLine
        attachedValue = t.attachedValue
        range = t.range
    }
}

func textTokens(_ text: String) -> [TextToken] {
    let script = Tokenizer.tokenize(text)
    return script.tokens.map { TextToken($0, in: script) }
}

func textTokens(bytes: [UInt8]) -> [TextToken] {
    let script = Tokenizer.tokenize(bytes: bytes)
    return script.tokens.map { TextToken($0, in: script) }
}
