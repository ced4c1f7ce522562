import AuthShiftCore
import Testing

@testable import Reports

@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+1+1", "'+1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-12.5", "-12.5"),
        ("semi;colon", "\"semi;colon\""),
        (" padded ", "\" padded \""),
    ])
    func cellsAreQuotedAndFormulasDefused(input: String, expected: String) {
        #expect(CSVWriter.cell(input) == expected)
    }

    @Test func documentStartsWithBOMAndUsesCRLF() {
        var w = CSVWriter(header: ["a", "b"])
        w.row(["1", "2"])
        #expect(w.text == "\u{FEFF}a,b\r\n1,2\r\n")
    }

    @Test func textTableAlignsAndCuts() {
        var t = TextTable(header: ["A", "LONG"], maximumCellWidth: 6)
        t.add(["xyz", "abcdefghij"])
        #expect(t.render() == "A    LONG\n---  ------\nxyz  abcde…\n")
    }
}
