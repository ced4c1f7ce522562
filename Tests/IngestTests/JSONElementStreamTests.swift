import Testing

@testable import Ingest

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
        let stream = JSONElementStream(
            source: try UTF8ChunkSource(path: folder.write("t.json", "[\n{\"a\":1},\n\n{\"a\":2}\n]")), chunkSize: 8)
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
