import Testing

@testable import Ingest

@Suite struct JSONParserTests {
    func parse(_ text: String) throws(JSONParser.Failure) -> JSONValue {
        try JSONParser.parseDocument(Array(text.utf8))
    }

    @Test func valuesEscapesAndSurrogates() throws {
        let v = try parse(#"{"a": [1, -2.5e2, true, false, null], "s": "q\"\\\/\n\u00e9\ud83d\ude00", "When": "\/Date(1720919582928)\/"}"#)
        #expect(v["a"] == .array([.number(1), .number(-250), .bool(true), .bool(false), .null]))
        #expect(v["s"] == .string("q\"\\/\n\u{e9}\u{1F600}"))
        #expect(v["when"] == .string("/Date(1720919582928)/"))
    }

    @Test func lookupIgnoresCaseButPrefersExactMatch() throws {
        let v = try parse(#"{"smtpclientauthenticationdisabled": 1, "SmtpClientAuthenticationDisabled": 2}"#)
        #expect(v["SmtpClientAuthenticationDisabled"] == .number(2))
        #expect(v["SMTPCLIENTAUTHENTICATIONDISABLED"] == .number(1))
    }

    @Test(arguments: [
        (#"{"a": 1,"#, "truncated"),
        (#"{"a": tru"#, "truncated"),
        (#"{"a" 1}"#, "invalid"),
        (#"[1 2]"#, "invalid"),
        ("\"x\u{01}\"", "invalid"),
        (#"{"a": 1} x"#, "invalid"),
        (#"{"a": 01.}"#, "invalid"),
    ])
    func malformedInput(text: String, kind: String) {
        do throws(JSONParser.Failure) {
            _ = try parse(text)
            Issue.record("expected a failure for \(text)")
        } catch {
            switch (error, kind) {
            case (.truncated, "truncated"), (.invalid, "invalid"): break
            default: Issue.record("wrong failure \(error) for \(text)")
            }
        }
    }

    @Test func nestingIsCapped() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParser.Failure.self) { _ = try parse(deep) }
    }

    @Test func lineAndColumnOfAnOffset() {
        let bytes = Array("ab\ncd\nef".utf8)
        bytes.withUnsafeBufferPointer { b in
            #expect(JSONParser.lineAndColumn(of: 4, in: b) == (2, 2))
            #expect(JSONParser.lineAndColumn(of: 0, in: b) == (1, 1))
        }
    }
}
