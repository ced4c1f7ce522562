import AuthShiftCore
import Testing

@testable import Ingest

/// Machine exports written in the current culture: the day/month order is decided once per
/// file and column from all the values.
@Suite struct CultureDateColumnTests {
    static func trace(_ received: [String], dateOrder: DayMonthOrder? = nil) -> ExportFileReader.Result {
        let folder = TemporaryFolder()
        let rows = received.enumerated().map {
            "\"\($0.element)\",\"s@contoso.com\",\"r\($0.offset)@contoso.com\",\"x\",\"Delivered\",\"203.0.113.10\",\"\",\"1\",\"<m\($0.offset)@x>\",\"g\"\n"
        }.joined()
        let path = folder.write(
            "trace.csv",
            "\"Received\",\"SenderAddress\",\"RecipientAddress\",\"Subject\",\"Status\",\"FromIP\",\"ToIP\",\"Size\",\"MessageId\",\"MessageTraceId\"\n"
                + rows)
        return ExportFileReader.read(path: path, displayPath: "trace.csv", dateOrder: dateOrder)
    }

    static func days(_ r: ExportFileReader.Result) -> [String] {
        r.snapshot?.messageTrace.map { $0.received?.day.description ?? "-" } ?? []
    }

    @Test func oneDayAboveTwelveDecidesTheWholeColumn() {
        let r = Self.trace(["01/02/2026 10:00:00", "13/02/2026 11:00:00", "02/03/2026 09:00:00"])
        #expect(Self.days(r) == ["2026-02-01", "2026-02-13", "2026-03-02"])
        let note = r.file.dateOrders.first
        #expect(note?.column == "Received" && note?.basis == .proven && note?.order == .dmy && note?.ambiguousValues == 2)
        #expect(r.file.warnings.isEmpty)
    }

    @Test func anUndecidedColumnIsReported() {
        let r = Self.trace(["01/02/2026 10:00:00", "02/03/2026 09:00:00"])
        #expect(Self.days(r) == ["2026-01-02", "2026-02-03"])
        #expect(r.file.dateOrders.first?.basis == .undecided)
        #expect(r.file.warnings.contains { $0.contains("day/month order undecided") && $0.contains("--date-order") })
        let settled = Self.trace(["01/02/2026 10:00:00"], dateOrder: .dmy)
        #expect(Self.days(settled) == ["2026-02-01"])
        #expect(settled.file.dateOrders.first?.basis == .option)
    }

    @Test func theFileWinsOverTheOptionInAMachineExport() {
        let r = Self.trace(["01/02/2026 10:00:00", "02/13/2026 11:00:00"], dateOrder: .dmy)
        #expect(Self.days(r) == ["2026-01-02", "2026-02-13"])
        #expect(r.file.dateOrders.first?.order == .mdy)
    }

    @Test func isoColumnsNeedNoDecision() {
        let r = Self.trace(["2026-11-22T21:55:17.5709518Z"])
        #expect(r.file.dateOrders.isEmpty)
    }
}
