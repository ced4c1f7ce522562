import AuthShiftCore
import Foundation
import Testing
@testable import Reports

@Suite struct XLSXWorkbookTests {
    /// Reads a stored-entry ZIP back: names and contents, checking every CRC.
    static func entries(_ data: Data) throws -> [String: Data] {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
        var out: [String: Data] = [:]
        var p = 0
        while u32(p) == 0x0403_4B50 {
            let crc = u32(p + 14), size = Int(u32(p + 18)), nameLength = u16(p + 26), extra = u16(p + 28)
            let name = String(decoding: bytes[(p + 30)..<(p + 30 + nameLength)], as: UTF8.self)
            let start = p + 30 + nameLength + extra
            let content = Data(bytes[start..<(start + size)])
            #expect(CRC32.checksum(content) == crc, "\(name)")
            out[name] = content
            p = start + size
        }
        #expect(u32(p) == 0x0201_4B50, "central directory follows the entries")
        return out
    }

    @Test func workbookHasTheOfficeParts() throws {
        var book = XLSXWorkbook()
        book.add("Senders", header: ["sender", "messages"], rows: [[.text("a&b <x>\u{01}"), .number(42)], [.empty, .number(1.5)]])
        book.add("Summary", header: ["item"], rows: [])
        let parts = try Self.entries(book.data())
        #expect(Set(parts.keys) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                                    "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
        let sheet = String(decoding: parts["xl/worksheets/sheet1.xml"]!, as: UTF8.self)
        #expect(sheet.contains("<t xml:space=\"preserve\">a&amp;b &lt;x&gt;</t>"))
        #expect(sheet.contains("<c r=\"B2\"><v>42</v></c>"))
        #expect(sheet.contains("<c r=\"B3\"><v>1.5</v></c>"))
        #expect(sheet.contains("<autoFilter ref=\"A1:B3\"/>"))
        #expect(String(decoding: parts["xl/workbook.xml"]!, as: UTF8.self).contains("<sheet name=\"Summary\" sheetId=\"2\" r:id=\"rId2\"/>"))
    }

    @Test func crcMatchesKnownValue() {
        #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func columnNames() {
        #expect(XLSXWorkbook.column(0) == "A")
        #expect(XLSXWorkbook.column(25) == "Z")
        #expect(XLSXWorkbook.column(26) == "AA")
        #expect(XLSXWorkbook.column(701) == "ZZ")
    }
}

@Suite struct RegisterJSONTests {
    @Test func streamedJSONEqualsTheEncodedRegister() throws {
        let r = Register(generatedBy: "t", asOf: CalendarDay(year: 2026, month: 11, day: 28), timeline: .current, assumption: "a",
                         tenant: TenantSettings(smtpClientAuthenticationDisabled: "True", defaultAuthenticationPolicy: nil, securityDefaultsEnabled: false,
                                                legacyBlockingConditionalAccessPolicies: [], acceptedDomains: ["contoso.com"]),
                         inputs: [InputFile(path: "x.csv", kind: "cas-mailbox", rows: 2, sha256: nil)], senders: [], mailboxes: [],
                         automation: [AutomationRow(account: "a@contoso.com", sources: ["1.1.1.1"], signIns: SignInFacts(successes: 1), replacement: "r", why: "w", evidence: [])],
                         unknowns: [])
        var streamed = Data()
        try RegisterJSON.write(r) { streamed.append($0) }
        let decoded = try JSONDecoder().decode(Register.self, from: streamed)
        #expect(decoded == r)
        // Same members as the one-piece encoder: re-encoding what was streamed gives the same text.
        let reencoded = try JSONOutput.encode(JSONDecoder().decode(Register.self, from: streamed))
        #expect(reencoded == (try JSONOutput.encode(r)))
        let members = try JSONSerialization.jsonObject(with: streamed) as? [String: Any]
        #expect(members.map { Set($0.keys) } == ["asOf", "assumption", "automation", "defaultChangeDate", "generatedBy", "inputs",
                                                 "mailboxes", "schema", "senders", "tenant", "timeline", "unknowns"])
    }
}
