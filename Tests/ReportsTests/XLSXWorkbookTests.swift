import AuthShiftCore
import CZlib
import Foundation
import Testing

@testable import Reports

@Suite struct XLSXWorkbookTests {
    struct Entry {
        var method: Int
        var compressedSize: Int
        var content: Data
    }

    /// Reads a ZIP archive back through its central directory, as Excel and LibreOffice do:
    /// names, methods and contents (deflated entries inflated), checking every CRC and that each
    /// local header and data descriptor agree with the directory.
    static func zipEntries(_ data: Data) throws -> [String: Entry] {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let end = bytes.count - 22
        try #require(u32(end) == 0x0605_4B50, "end of central directory record")
        var p = u32(end + 16)
        var out: [String: Entry] = [:]
        for _ in 0..<u16(end + 10) {
            try #require(u32(p) == 0x0201_4B50, "central directory header")
            let flags = u16(p + 8)
            let method = u16(p + 10)
            let crc = u32(p + 16)
            let compressed = u32(p + 20)
            let size = u32(p + 24)
            let nameLength = u16(p + 28)
            let extra = u16(p + 30)
            let comment = u16(p + 32)
            let local = u32(p + 42)
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            #expect(u32(local) == 0x0403_4B50 && u16(local + 6) == flags && u16(local + 8) == method, "\(name): local header")
            let start = local + 30 + u16(local + 26) + u16(local + 28)
            let stored = Data(bytes[start..<(start + compressed)])
            if flags & 0x08 != 0 {
                let descriptor = start + compressed
                #expect(
                    u32(descriptor) == 0x0807_4B50 && u32(descriptor + 4) == crc && u32(descriptor + 8) == compressed
                        && u32(descriptor + 12) == size,
                    "\(name): data descriptor")
            }
            let content = method == 8 ? try inflate(stored, size: size) : stored
            #expect(content.count == size, "\(name): size")
            #expect(
                content.withUnsafeBytes { Int(crc32(0, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count))) } == crc,
                "\(name): CRC-32")
            out[name] = Entry(method: method, compressedSize: compressed, content: content)
            p += 46 + nameLength + extra + comment
        }
        return out
    }

    static func entries(_ data: Data) throws -> [String: Data] { try zipEntries(data).mapValues(\.content) }

    static func inflate(_ data: Data, size: Int) throws -> Data {
        var stream = z_stream()
        #expect(inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { inflateEnd(&stream) }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: size + 1)
        let status = input.withUnsafeMutableBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o -> Int32 in
                stream.next_in = i.baseAddress
                stream.avail_in = uInt(i.count)
                stream.next_out = o.baseAddress
                stream.avail_out = uInt(o.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        #expect(status == Z_STREAM_END)
        return Data(output[0..<Int(stream.total_out)])
    }

    @Test func workbookHasTheOfficeParts() throws {
        var book = XLSXWorkbook()
        book.add("Senders", header: ["sender", "messages"], rows: [[.text("a&b <x>\u{01}"), .number(42)], [.empty, .number(1.5)]])
        book.add("Summary", header: ["item"], rows: [])
        let parts = try Self.entries(try book.data())
        #expect(
            Set(parts.keys) == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
            ])
        let sheet = String(decoding: parts["xl/worksheets/sheet1.xml"]!, as: UTF8.self)
        #expect(sheet.contains("<t xml:space=\"preserve\">a&amp;b &lt;x&gt;</t>"))
        #expect(sheet.contains("<c r=\"B2\"><v>42</v></c>"))
        #expect(sheet.contains("<c r=\"B3\"><v>1.5</v></c>"))
        #expect(sheet.contains("<autoFilter ref=\"A1:B3\"/>"))
        #expect(
            String(decoding: parts["xl/workbook.xml"]!, as: UTF8.self).contains("<sheet name=\"Summary\" sheetId=\"2\" r:id=\"rId2\"/>"))
    }

    @Test func partsAreDeflated() throws {
        // A sheet like the register's: many similar rows. Stored, it is its full size; deflated, a fraction.
        var book = XLSXWorkbook()
        book.add(
            "Mailboxes", header: ["address", "smtpAuthEvidence"],
            rows: (0..<20_000).lazy.map { i -> [XLSXWorkbook.Cell] in
                [
                    .text("user\(i)@contoso.com"),
                    .text("Get-TransportConfig SmtpClientAuthenticationDisabled = True (TransportConfig.json:1)"),
                ]
            })
        let data = try book.data()
        let entries = try Self.zipEntries(data)
        #expect(entries.values.allSatisfy { $0.method == 8 }, "every part is deflated")
        let sheet = try #require(entries["xl/worksheets/sheet1.xml"])
        #expect(sheet.content.count > 2_000_000)
        #expect(sheet.compressedSize * 10 < sheet.content.count, "\(sheet.compressedSize) of \(sheet.content.count)")
        #expect(data.count * 10 < sheet.content.count)
        let xml = String(decoding: sheet.content, as: UTF8.self)
        #expect(xml.contains("<row r=\"20001\">") && xml.hasSuffix("<autoFilter ref=\"A1:B20001\"/></worksheet>"))
    }

    /// Rows are taken from their sequence once, as they are written: a sequence that can be
    /// walked only once (like the register's evaluated mailbox rows) is enough.
    @Test func sheetRowsAreStreamedInOnePass() throws {
        final class OnePass: Sequence, IteratorProtocol {
            var produced = 0
            var iterators = 0
            func makeIterator() -> OnePass {
                iterators += 1
                return self
            }
            func next() -> [XLSXWorkbook.Cell]? {
                guard produced < 1_200 else { return nil }
                produced += 1
                return [.number(Double(produced))]
            }
        }
        let rows = OnePass()
        var book = XLSXWorkbook()
        book.add("Numbers", header: ["n"], rows: rows)
        var written = Data()
        try book.write { written.append($0) }
        #expect(rows.iterators == 1 && rows.produced == 1_200)
        let sheet = String(decoding: try #require(try Self.entries(written)["xl/worksheets/sheet1.xml"]), as: UTF8.self)
        #expect(sheet.contains("<row r=\"1201\"><c r=\"A1201\"><v>1200</v></c></row>"))
    }

    @Test func columnNames() {
        #expect(XLSXWorkbook.column(0) == "A")
        #expect(XLSXWorkbook.column(25) == "Z")
        #expect(XLSXWorkbook.column(26) == "AA")
        #expect(XLSXWorkbook.column(701) == "ZZ")
    }
}
