import Foundation
import Testing

@testable import Bridge

/// The header From check follows every route a message may reach: a Graph route (Exchange
/// checks SendAs) whose large messages go to an `smtp` route (no SendAs check) checks it.
@Suite(.serialized) struct HeaderFromRouteTests {
    static func yaml(largeMessageRoute: Bool) throws -> String {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)").path
        try "not-a-real-secret".write(toFile: secret, atomically: true, encoding: .utf8)
        let graph = """
            oauth:
              authority: http://127.0.0.1:9/
              tenant: contoso.onmicrosoft.com
              clientId: 11111111-2222-3333-4444-555555555555
              clientSecretFile: \(secret)
            routes:
              - name: scans-graph
                type: graph
                senders: ["scanner@contoso.com"]
                graphMaxMimeSize: 1024
            \(largeMessageRoute ? "    largeMessageRoute: smarthost" : "")

            """
        return InboundSessionTests.yaml().replacingOccurrences(of: "routes:\n", with: graph)
    }

    @Test func aGraphRouteWhoseLargeMessagesGoByPlainSmtpChecksTheHeaderFrom() async throws {
        let config = try BridgeConfiguration.parse(
            try Self.yaml(largeMessageRoute: true).replacingOccurrences(of: "{spool}", with: "/tmp/s"), file: "t.yaml")
        let graph = try #require(config.route(named: "scans-graph"))
        #expect(config.checksHeaderFrom(graph))
        let alone = try BridgeConfiguration.parse(
            try Self.yaml(largeMessageRoute: false).replacingOccurrences(of: "{spool}", with: "/tmp/s"), file: "t.yaml")
        #expect(!alone.checksHeaderFrom(try #require(alone.route(named: "scans-graph"))))

        let server = try await InboundServer.start(try Self.yaml(largeMessageRoute: true))
        defer { Task { await server.stop() } }
        let c = try InboundSessionTests.login(server.port)
        _ = c.command("MAIL FROM:<scanner@contoso.com>")
        _ = c.command("RCPT TO:<a@fabrikam.com>")
        _ = c.command("DATA")
        let big = String(repeating: "x", count: 2000)
        #expect(
            c.command("From: ceo@contoso.com\r\nSubject: s\r\n\r\n\(big)\r\n.")
                == "550 5.7.1 Header From <ceo@contoso.com> is not an address this client may send as")
        #expect(server.spool.queued().isEmpty)
    }
}
