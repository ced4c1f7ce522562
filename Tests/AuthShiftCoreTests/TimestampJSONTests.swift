import AuthShiftCore
import Foundation
import Testing

/// Instants in authshift's JSON are ISO 8601 UTC strings (docs/register-schema.md), not the
/// `{"millisecondsSince1970": ...}` object synthesized Codable wrote.
@Suite struct TimestampJSONTests {
    struct Holder: Codable, Equatable { var at: Timestamp }

    @Test(arguments: [("2026-11-20T09:30:00Z", Int64(1_795_167_000_000)), ("2026-11-20T09:30:00.042Z", Int64(1_795_167_000_042))])
    func writesAndReadsISO8601(text: String, ms: Int64) throws {
        let holder = Holder(at: Timestamp(millisecondsSince1970: ms))
        let json = String(decoding: try JSONEncoder().encode(holder), as: UTF8.self)
        #expect(json == #"{"at":"\#(text)"}"#)
        #expect(try JSONDecoder().decode(Holder.self, from: Data(json.utf8)) == holder)
    }

    @Test func readsTheObjectFormOfEarlierRegisters() throws {
        let old = try JSONDecoder().decode(Holder.self, from: Data(#"{"at":{"millisecondsSince1970":1795167000000}}"#.utf8))
        #expect(old.at.description == "2026-11-20T09:30:00Z")
    }

    @Test(arguments: [
        "2026-11-20 09:30:00Z", "2026-02-30T09:30:00Z", "2026-11-20T24:00:00Z", "2026-11-20T09:30:00", "2026-11-20T09:30:00.4Z",
    ])
    func refusesOtherForms(text: String) {
        #expect(Timestamp(iso: text) == nil)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Holder.self, from: Data(#"{"at":"\#(text)"}"#.utf8)) }
    }
}
