import Foundation
import Testing

@testable import Bridge

/// A listener is known by its name: two of one name are refused, and a reload that renames or
/// removes a running listener leaves it refusing sessions rather than running on stale settings.
@Suite(.serialized) struct ListenerIdentityTests {
    static let duplicate = """
        hostname: bridge.test
        spool: /tmp/unused
        listeners:
          - name: lan
            port: 2525
            tls: none
            allow: [127.0.0.0/8]
            relayWithoutAuth: [127.0.0.0/8]
            relaySenders: ["*@bulk.contoso.com"]
          - name: LAN
            port: 2526
            tls: none
            trustedLanPlain: true
        routes:
          - name: sink
            type: smtp
            host: 127.0.0.1
        """

    @Test func twoListenersOfOneNameAreRefusedWithFileAndLine() {
        #expect {
            try BridgeConfiguration.parse(Self.duplicate, file: "dup.yaml")
        } throws: { error in
            let text = "\(error)"
            return text.contains("dup.yaml:10") && text.contains("a listener named 'lan' is already defined")
        }
    }

    @Test func aReloadReportsRenamedAddedAndRemovedListenersAsNeedingRestart() throws {
        let old = try BridgeConfiguration.parse(
            InboundSessionTests.yaml().replacingOccurrences(of: "{spool}", with: "/tmp/s"), file: "a.yaml")
        let renamed = try BridgeConfiguration.parse(
            InboundSessionTests.yaml().replacingOccurrences(of: "{spool}", with: "/tmp/s")
                .replacingOccurrences(of: "name: lan", with: "name: lan2"), file: "a.yaml")
        let reasons = renamed.changesNeedingRestart(from: old)
        #expect(reasons.contains { $0.contains("listener lan renamed or removed") })
        #expect(reasons.contains { $0.contains("listener lan2 added or renamed") })
        #expect(old.changesNeedingRestart(from: old).isEmpty)
    }

    @Test func aRunningListenerWhoseNameIsGoneClosesSessionsAndRefusesNewOnes() async throws {
        let server = try await InboundServer.start(InboundSessionTests.yaml())
        defer { Task { await server.stop() } }
        let session = try InboundSessionTests.login(server.port)
        try server.reload(InboundSessionTests.yaml().replacingOccurrences(of: "name: lan", with: "name: lan2"))
        #expect(session.command("MAIL FROM:<scanner@contoso.com>").hasPrefix("421 "))
        #expect(session.isClosed())
        let late = try RawClient(port: server.port)
        #expect(late.reply().hasPrefix("421 4.3.2 bridge.test"))
        #expect(late.isClosed())
        // Named again as it was started, it serves again.
        try server.reload(InboundSessionTests.yaml())
        _ = try InboundSessionTests.login(server.port)
    }
}
