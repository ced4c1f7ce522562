import AuthShiftCore
import Testing

@testable import Ingest

@Suite struct ExportDateTests {
    static let reference = Timestamp.from(year: 2026, month: 11, day: 28, hour: 15, minute: 4, second: 5)

    @Test(arguments: [
        "2026-11-28T15:04:05Z",
        "2026-11-28T15:04:05.0000000Z",
        "2026-11-28T16:04:05+01:00",
        "2026-11-28T10:04:05-0500",
        "2026-11-28 15:04:05",
        "/Date(1795878245000)/",
        "\\/Date(1795878245000)\\/",
        "/Date(1795878245000+0100)/",
        "11/28/2026 3:04:05 PM",
        "11/28/2026, 3:04:05.000 PM",
        "28.11.2026 15:04:05",
        "28/11/2026 15:04:05",
    ])
    func parsesEveryShapeToTheSameInstant(text: String) {
        #expect(ExportDate.parse(text) == Self.reference)
    }

    @Test func fractionsAreKeptToTheMillisecond() {
        #expect(ExportDate.parse("2026-11-28T15:04:05.1234567Z")?.millisecondsSince1970 == Self.reference.millisecondsSince1970 + 123)
        #expect(ExportDate.parse("11/28/2026, 3:04:05.5 PM")?.millisecondsSince1970 == Self.reference.millisecondsSince1970 + 500)
    }

    @Test func dateOnlyAndMidnightAndNoon() {
        #expect(ExportDate.parse("2026-11-28") == Timestamp.from(year: 2026, month: 11, day: 28))
        #expect(ExportDate.parse("11/28/2026 12:00:00 AM") == Timestamp.from(year: 2026, month: 11, day: 28))
        #expect(ExportDate.parse("11/28/2026 12:30:00 PM") == Timestamp.from(year: 2026, month: 11, day: 28, hour: 12, minute: 30))
    }

    @Test(arguments: [
        "", "yesterday", "2026-13-01", "2026-11-28T25:00:00Z", "13/13/2026", "/Date()/", "11/28/2026 13:00 PM", "2026-11-28Tx",
    ])
    func rejectsWhatIsNotADate(text: String) {
        #expect(ExportDate.parse(text) == nil)
    }

    @Test func timestampDescriptionRoundTrips() {
        #expect(Self.reference.description == "2026-11-28T15:04:05Z")
        #expect(Timestamp(millisecondsSince1970: -1).description == "1969-12-31T23:59:59Z")
    }
}
