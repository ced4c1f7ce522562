import Testing

@testable import Ingest

/// The byte CSV reader, run with a tiny chunk size as well as the default so that every
/// record boundary, quote and line break also falls across a buffer refill.
@Suite struct CSVStreamReaderTests {
    static let chunkSizes = [64, 7919, 1 << 20]

    func records(_ text: String, chunk: Int, encoding: String.Encoding = .utf8, bom: Bool = false) throws -> (CSVStreamReader, [[String]]) {
        let folder = TemporaryFolder()
        let path = folder.write("t.csv", text, encoding: encoding, bom: bom)
        let reader = try CSVStreamReader(path: path, chunkSize: chunk)
        try reader.readHeader()
        var rows: [[String]] = []
        while try reader.nextRecord() { rows.append(reader.allStrings()) }
        return (reader, rows)
    }

    @Test(arguments: chunkSizes)
    func quotedFieldsEscapesAndEmbeddedLineBreaks(chunk: Int) throws {
        let text = "\"a\",\"b\",\"c\"\r\n\"1\",\"say \"\"hi\"\"\",\"x\r\ny\"\r\n2,,\"\"\r\n"
        let (reader, rows) = try records(text, chunk: chunk)
        #expect(reader.header.names == ["a", "b", "c"])
        #expect(rows == [["1", "say \"hi\"", "x\r\ny"], ["2", "", ""]])
        #expect(reader.linesRead == 4)
    }

    @Test(arguments: chunkSizes)
    func recordLinesCountLineBreaksInsideQuotes(chunk: Int) throws {
        let folder = TemporaryFolder()
        let path = folder.write("t.csv", "h1,h2\n\"multi\nline\",1\nplain,2\n")
        let reader = try CSVStreamReader(path: path, chunkSize: chunk)
        try reader.readHeader()
        var lines: [Int] = []
        while try reader.nextRecord() { lines.append(reader.recordLine) }
        #expect(lines == [2, 4])
    }

    @Test func typeLineAndSemicolonDelimiterInUTF16LittleEndian() throws {
        let text =
            "#TYPE Selected.Microsoft.Exchange.Data.Directory.Management.CASMailbox\r\n\"PrimarySmtpAddress\";\"SmtpClientAuthenticationDisabled\"\r\n\"zoë@contoso.com\";\"False\"\r\n\"a@contoso.com\";\r\n"
        for chunk in Self.chunkSizes {
            let (reader, rows) = try records(text, chunk: chunk, encoding: .utf16LittleEndian, bom: true)
            #expect(reader.typeName == "Selected.Microsoft.Exchange.Data.Directory.Management.CASMailbox")
            #expect(reader.delimiter == UInt8(ascii: ";"))
            #expect(reader.source.encoding == .utf16LE)
            #expect(rows == [["zoë@contoso.com", "False"], ["a@contoso.com", ""]])
        }
    }

    @Test func utf16BigEndianAndUTF8BOM() throws {
        let text = "x,y\r\n1,\u{1F600}\r\n"
        let (be, rowsBE) = try records(text, chunk: 64, encoding: .utf16BigEndian, bom: true)
        #expect(be.source.encoding == .utf16BE)
        #expect(rowsBE == [["1", "\u{1F600}"]])
        let (u8, rows8) = try records(text, chunk: 64, encoding: .utf8, bom: true)
        #expect(u8.source.encoding == .utf8BOM)
        #expect(u8.header.names == ["x", "y"])
        #expect(rows8 == [["1", "\u{1F600}"]])
    }

    @Test func utf16WithoutBOMIsDetected() throws {
        let (reader, rows) = try records("a;b\r\nc;d\r\n", chunk: 64, encoding: .utf16LittleEndian, bom: false)
        #expect(reader.source.encoding == .utf16LE)
        #expect(rows == [["c", "d"]])
    }

    @Test func surrogatePairSplitAcrossChunks() throws {
        // Many emoji so some pair straddles every 64-byte chunk boundary.
        let value = String(repeating: "\u{1F4E7}", count: 100)
        let (_, rows) = try records("a\r\n\(value)\r\n", chunk: 64, encoding: .utf16LittleEndian, bom: true)
        #expect(rows == [[value]])
    }

    @Test func tabDelimiterAndUnquotedFieldsAndNoFinalNewline() throws {
        let (reader, rows) = try records("a\tb\n1\t2\n3\t4", chunk: 64)
        #expect(reader.delimiter == 0x09)
        #expect(rows == [["1", "2"], ["3", "4"]])
    }

    @Test func blankLinesAreSkippedAndTrailingDelimiterMakesEmptyField() throws {
        let (_, rows) = try records("a,b\n\n1,\n\r\n2,3\n", chunk: 64)
        #expect(rows == [["1", ""], ["2", "3"]])
    }

    @Test func headerKeepsOddSpacingAndDuplicates() throws {
        let (reader, _) = try records(
            "\"Application ID \",\"Autonomous system  number\",\"Incoming token type\",\"Incoming token type\"\n", chunk: 64)
        let h = reader.header
        #expect(h.index(of: "Application ID ") == 0)
        #expect(h.index(of: "Application ID") == nil)
        #expect(h.index(of: "autonomous system  number") == 1)
        #expect(h.indices(of: "Incoming token type") == [2, 3])
        #expect(h.duplicatedNames == ["Incoming token type"])
    }

    @Test(arguments: chunkSizes)
    func unbalancedQuoteNamesTheLineWhereTheFieldOpened(chunk: Int) throws {
        let folder = TemporaryFolder()
        let path = folder.write("broken.csv", "a,b\n1,2\n3,\"four\n5,6\n7,8\n")
        let reader = try CSVStreamReader(path: path, chunkSize: chunk)
        try reader.readHeader()
        let error = #expect(throws: IngestError.self) {
            while try reader.nextRecord() {}
        }
        #expect(error?.kind == .malformed)
        #expect(error?.file == path)
        #expect(error?.line == 3)
        #expect(error?.field == "b")
        #expect(error?.message.contains("unbalanced quote") == true)
        #expect(reader.endedInsideQuotes)
    }

    @Test(arguments: chunkSizes)
    func strayQuoteIsReportedWhereItsFieldOpened(chunk: Int) throws {
        let folder = TemporaryFolder()
        let path = folder.write("broken.csv", "\"a\",\"b\"\n\"1\",\"2\"\n\"3\",\"oops\n\"5\",\"6\"\n")
        let reader = try CSVStreamReader(path: path, chunkSize: chunk)
        try reader.readHeader()
        let error = #expect(throws: IngestError.self) { while try reader.nextRecord() {} }
        #expect(error?.line == 3)
        #expect(error?.field == "b")
        #expect(error?.message.contains("closes on line 4") == true)
        #expect(error?.message.contains("Is a quote unbalanced?") == true)
    }

    @Test func characterAfterClosingQuoteIsAnError() throws {
        let folder = TemporaryFolder()
        let path = folder.write("bad.csv", "a,b\n\"1\"x,2\n")
        let reader = try CSVStreamReader(path: path)
        try reader.readHeader()
        let error = #expect(throws: IngestError.self) { while try reader.nextRecord() {} }
        #expect(error?.line == 2)
        #expect(error?.field == "a")
    }

    @Test func emptyFileHasNoHeader() throws {
        let folder = TemporaryFolder()
        let reader = try CSVStreamReader(path: folder.write("empty.csv", ""))
        #expect(try reader.readHeader() == false)
    }

    @Test func missingFileIsMissingInput() {
        let error = #expect(throws: IngestError.self) { _ = try CSVStreamReader(path: "/nonexistent/x.csv") }
        #expect(error?.kind == .missingInput)
    }

    @Test func quotedVersusEmptyIsVisible() throws {
        let folder = TemporaryFolder()
        let reader = try CSVStreamReader(path: folder.write("q.csv", "a,b\n,\"\"\n"))
        try reader.readHeader()
        #expect(try reader.nextRecord())
        #expect(reader.isEmpty(at: 0) && reader.isEmpty(at: 1))
        #expect(!reader.isQuoted(at: 0) && reader.isQuoted(at: 1))
    }
}
