import Testing

@testable import Reports

@Suite struct YAMLScalarTests {
    @Test(arguments: [
        "plain@contoso.com", "a\"b", "back\\slash", "line\nbreak: injected", "# comment", "tab\there", "\u{7}bell", "é ü 漢", "\u{2028}sep",
    ])
    func everyValueBecomesOneDoubleQuotedScalar(value: String) {
        let q = YAMLScalar.quoted(value)
        #expect(q.hasPrefix("\"") && q.hasSuffix("\""))
        let inner = q.dropFirst().dropLast()
        // No unescaped quote, and no raw line break or control character inside.
        var escaped = false
        for c in inner.unicodeScalars {
            if escaped {
                escaped = false
                continue
            }
            if c == "\\" {
                escaped = true
                continue
            }
            #expect(c != "\"" && c != "\n" && c != "\r" && c.value >= 0x20 && c != "\u{2028}")
        }
    }
}
