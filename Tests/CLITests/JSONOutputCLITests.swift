import Foundation
import Testing

/// The JSON of probe and explain writes every key, `null` where there is nothing, so
/// `ConvertFrom-Json | Export-Csv` keeps every column (issue 12; docs/schemas/).
@Suite struct JSONOutputCLITests {
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text.prefix(300))")
    }

    @Test func probeJSONWritesAbsentPartsAsNull() throws {
        // Port 9 (discard) is not served on the test machine's loopback: the probe stops at connect.
        let r = try CLI.run(["probe", "--target", "127.0.0.1:9", "--tls", "none", "--timeout", "5", "--format", "json"])
        #expect(r.status == 20, "\(r.stderr)")
        let top = try Self.object(r.stdout)
        #expect(Set(top.keys) == ["probe", "mailbox"])
        #expect(top["mailbox"] is NSNull)
        let probe = try #require(top["probe"] as? [String: Any])
        #expect(probe["authentication"] is NSNull)
        #expect(probe["explanation"] is NSNull)
        let stage = try #require((probe["stages"] as? [[String: Any]])?.first)
        #expect(Set(stage.keys) == ["stage", "status", "reply", "detail"])
        #expect(stage["reply"] is NSNull)
    }

    @Test func explainJSONWritesUnknownPartsAsNull() throws {
        let r = try CLI.run(["explain", "550 nothing anyone has seen before", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let top = try Self.object(r.stdout)
        #expect(top["mailbox"] is NSNull)
        let explanation = try #require(top["explanation"] as? [String: Any])
        #expect(explanation["known"] is NSNull)
        let reply = try #require(explanation["reply"] as? [String: Any])
        #expect(Set(reply.keys) == ["code", "enhanced", "text", "server", "timestamp"])
        #expect(reply["enhanced"] is NSNull && reply["server"] is NSNull && reply["timestamp"] is NSNull)
    }
}
