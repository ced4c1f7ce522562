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

@Suite struct JSONElementStreamTests {
    func elements(_ text: String, chunk: Int = 16) throws -> (JSONElementStream, [JSONValue]) {
        let folder = TemporaryFolder()
        let stream = JSONElementStream(source: try UTF8ChunkSource(path: folder.write("t.json", text)), chunkSize: chunk)
        var out: [JSONValue] = []
        while let v = try stream.next() { out.append(v) }
        return (stream, out)
    }

    @Test func topLevelArray() throws {
        let (s, v) = try elements(#"[ {"a": 1}, {"a": 2} ]"#)
        #expect(s.shape == .array)
        #expect(v.map { $0["a"] } == [.number(1), .number(2)])
    }

    @Test func graphPageKeepsOtherMembers() throws {
        let text = """
        {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns",
         "value": [{"id": "1"}, {"id": "2"}, {"id": "3"}],
         "@odata.nextLink": "https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=x"}
        """
        let (s, v) = try elements(text)
        #expect(s.shape == .graphPage)
        #expect(v.count == 3)
        #expect(s.pageMembers.map(\.key) == ["@odata.context", "@odata.nextLink"])
    }

    @Test func singleObjectAndPowerShell51Indentation() throws {
        let text = "{\r\n    \"SmtpClientAuthenticationDisabled\":  true,\r\n    \"WhenChanged\":  \"\\/Date(1793491200000)\\/\"\r\n}\r\n"
        let (s, v) = try elements(text)
        #expect(s.shape == .singleObject)
        #expect(v.count == 1)
        #expect(v[0]["SmtpClientAuthenticationDisabled"] == .bool(true))
    }

    @Test func jsonLines() throws {
        let (s, v) = try elements("{\"a\":1}\n{\"a\":2}\n\n{\"a\":3}\n")
        #expect(s.shape == .jsonLines)
        #expect(v.count == 3)
    }

    @Test func elementLineIsWhereTheRecordStarts() throws {
        let folder = TemporaryFolder()
        let stream = JSONElementStream(source: try UTF8ChunkSource(path: folder.write("t.json", "[\n{\"a\":1},\n\n{\"a\":2}\n]")), chunkSize: 8)
        _ = try stream.next()
        #expect(stream.elementLine == 2)
        _ = try stream.next()
        #expect(stream.elementLine == 4)
    }

    @Test func truncatedFileNamesItsLastLine() throws {
        let folder = TemporaryFolder()
        let path = folder.write("cut.json", "{\"value\": [\n  {\"id\": 1},\n  {\"id\": 2,\n   \"user")
        let stream = JSONElementStream(source: try UTF8ChunkSource(path: path), chunkSize: 8)
        let error = #expect(throws: IngestError.self) { while try stream.next() != nil {} }
        #expect(error?.kind == .malformed)
        #expect(error?.line == 4)
        #expect(error?.message.contains("truncated") == true)
    }

    @Test func invalidByteIsLocated() throws {
        let folder = TemporaryFolder()
        let stream = JSONElementStream(source: try UTF8ChunkSource(path: folder.write("bad.json", "[{\"a\": 1},\n {\"a\": ?}]")))
        let error = #expect(throws: IngestError.self) { while try stream.next() != nil {} }
        #expect(error?.line == 2)
    }

    @Test func emptyFileYieldsNothing() throws {
        let (s, v) = try elements("  \n")
        #expect(s.shape == .empty)
        #expect(v.isEmpty)
    }
}
