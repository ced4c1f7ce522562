// libFuzzer target: scan's PowerShell tokenizer and rules, built and run by Fuzz/run.sh (not
// part of SwiftPM).
//
// The input is a file's bytes. Besides "no crash, no trap" through the tokenizer, command
// parser, script context and every PowerShell rule, and every code and configuration rule in
// every language, the tokens must cover the input exactly, in order: each token's byte range
// starts where the one before ended or later, only white space the tokenizer skips (space, tab,
// form feed, CR, a line continuation, a leading BOM) lies outside the ranges, every range is
// non-empty, its line and column are where it starts, and a comment's, operator's, pipe's or
// statement end's text is its bytes.
import Scan

let languages: [SourceLanguage] = [.csharp, .visualBasic, .python, .javascript, .php, .java, .go, .xmlConfig, .jsonConfig, .dotenv, .yaml, .ini]

func checkCoverage(_ script: TokenizedScript, _ input: [UInt8]) {
    let tokens = script.tokens
    let bom = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    // Line starts (offsets in the input) for the 1-based lines the tokenizer counts at LF.
    var lineStarts = [bom]
    for (i, b) in input.enumerated() where i >= bom && b == 0x0A { lineStarts.append(i + 1) }
    var pos = bom
    func skippable(upTo end: Int) {
        while pos < end {
            let b = input[pos]
            if b == 0x20 || b == 0x09 || b == 0x0C || b == 0xA0 || b == 0x0D {
                pos += 1
            } else if b == 0x60, pos + 1 < input.count, input[pos + 1] == 0x0A || input[pos + 1] == 0x0D {
                pos += 2
                if input[pos - 1] == 0x0D, pos < input.count, input[pos] == 0x0A { pos += 1 }
            } else {
                require(false, "byte \(pos) (0x\(String(b, radix: 16))) is in no token and is not skipped white space")
            }
        }
    }
    for (n, token) in tokens.enumerated() {
        let r = token.range
        require(!r.isEmpty && r.upperBound <= input.count, "token \(n) (\(token.kind)) has range \(r) in \(input.count) bytes")
        require(r.lowerBound >= pos, "token \(n) (\(token.kind)) starts at \(r.lowerBound), before the previous one ended (\(pos))")
        skippable(upTo: r.lowerBound)
        require(token.line >= 1 && token.line <= lineStarts.count, "token \(n) is on line \(token.line) of \(lineStarts.count)")
        require(lineStarts[token.line - 1] + token.column - 1 == r.lowerBound,
                "token \(n) (\(token.kind)) says line \(token.line) column \(token.column), its range starts at byte \(r.lowerBound)")
        switch token.kind {
        case .comment, .punctuation, .pipe, .statementEnd:
            require(script.text(token) == String(decoding: input[r], as: UTF8.self), "token \(n) (\(token.kind)) text \(script.text(token).debugDescription) is not its bytes")
        default:
            break
        }
        pos = r.upperBound
    }
    skippable(upTo: input.count)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    checkCoverage(Tokenizer.tokenize(bytes: bytes), bytes)
    _ = PowerShellScanner.scan(bytes: bytes, file: "fuzz.ps1")
    for language in languages {
        for rule in BuiltInScanRules.fileRules { _ = rule.check(bytes: bytes, language: language) }
    }
    return 0
}
