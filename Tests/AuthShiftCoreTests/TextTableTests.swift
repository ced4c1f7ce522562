import AuthShiftCore
import Testing

/// The terminal table the listing commands print (queue list, inspect, signins summarize).
@Suite struct TextTableTests {
    @Test func columnsArePaddedLongCellsCutAndControlCharactersEscaped() {
        var table = TextTable(header: ["id", "from"], maximumCellWidth: 8)
        table.add(["1", "a@b.c"])
        table.add(["2", "very-long-address@contoso.com"])
        table.add(["3", "evil\u{1B}[2J@x"])
        let lines = table.render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "id  from")
        #expect(lines[2] == "1   a@b.c")
        #expect(lines[3] == "2   very-lo…")
        #expect(!lines[4].contains("\u{1B}"))
    }
}
