import AuthShiftCore
import Testing

@testable import Ingest

/// One day-validity rule: the exports' parser and the calendar day agree on every date.
@Suite struct DayValidityTests {
    @Test(arguments: [
        "2027-02-31", "2027-02-29", "2024-02-29", "2100-02-29", "2000-02-29", "2027-04-31", "2027-12-31", "1600-12-31", "1601-01-01",
        "2027-00-10",
    ])
    func exportDateAndCalendarDayAgree(text: String) {
        #expect(ExportDate.parse(text)?.day == CalendarDay(iso: text), "\(text)")
        #expect(ExportDate.parse(text + "T10:00:00Z")?.day == CalendarDay(iso: text), "\(text)")
    }

    @Test func cultureTextUsesTheSameRule() {
        #expect(ExportDate.parse("31/02/2027 10:00:00") == nil)
        #expect(ExportDate.parse("02/29/2027 10:00:00 AM") == nil)
        #expect(ExportDate.parse("29.02.2028 10:00:00") != nil)
    }
}
