import AuthShiftCore
import Testing

@testable import Ingest

@Suite struct TimestampFormatTests {
    @Test func iso8601AndRFC5322() {
        let t = Timestamp.from(year: 2026, month: 11, day: 28, hour: 8, minute: 19, second: 41, millisecond: 42)
        #expect(t.description == "2026-11-28T08:19:41Z")
        #expect(t.iso8601WithMilliseconds == "2026-11-28T08:19:41.042Z")
        #expect(t.rfc5322 == "Sat, 28 Nov 2026 08:19:41 +0000")
        #expect(ExportDate.parse(t.iso8601WithMilliseconds) == t)
        let before1970 = Timestamp(millisecondsSince1970: -500)
        #expect(before1970.iso8601WithMilliseconds == "1969-12-31T23:59:59.500Z")
        #expect(before1970.rfc5322 == "Wed, 31 Dec 1969 23:59:59 +0000")
        #expect(Timestamp.from(year: 2024, month: 2, day: 29).rfc5322 == "Thu, 29 Feb 2024 00:00:00 +0000")
    }
}
