import Foundation
import Testing

@testable import Bridge

/// The whole bridge in one process, built from a configuration value as the daemon builds it:
/// listeners on port 0 (their bound ports reported by the service), the spool, the delivery
/// scheduler, and a loopback upstream sink that refuses one recipient.
@Suite(.serialized) struct BridgeServiceTests {
    static func configuration(spool: String, sinkPort: Int) throws -> BridgeConfiguration {
        var config = try BridgeConfiguration.parse(
            """
            hostname: bridge.test
            spool: \(spool)
            listeners:
              - name: devices
                address: 127.0.0.1
                port: 2525
                tls: none
                relayWithoutAuth: [127.0.0.1]
                relaySenders: ["scanner@contoso.com"]
              - name: office
                address: 127.0.0.1
                port: 2526
                tls: none
                trustedLanPlain: true
            accounts:
              - name: printer
                passwordHash: "\(InboundSessionTests.passwordHash)"
                senders: ["printer@contoso.com"]
            routes:
              - name: sink
                type: smtp
                host: 127.0.0.1
                port: \(sinkPort)
                tls: none
                timeoutSeconds: 2
            retry:
              initialSeconds: 0.05
              maximumSeconds: 0.2
            """, file: "bridge-service-test.yaml")
        // The configuration file asks for a real port; a test lets the system choose.
        for i in config.listeners.indices { config.listeners[i].port = 0 }
        return config
    }

    struct Running {
        let service: BridgeService
        let task: Task<Void, Error>
        let ports: [String: Int]
        let spool: Spool

        func stop() async {
            task.cancel()
            _ = await task.result
        }
    }

    static func start(sink: LoopbackSink) async throws -> Running {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("service-\(UUID().uuidString)").path
        let service = try BridgeService(
            configuration: try configuration(spool: root, sinkPort: sink.port), quiet: true, handlesSignals: false)
        let task = Task { try await service.run() }
        let ports = await service.listeningPorts()
        return Running(service: service, task: task, ports: ports, spool: try Spool(root: root))
    }

    static func session(port: Int, auth: Bool, from: String, to recipients: [String], subject: String) throws -> [String] {
        let c = try RawClient(port: port)
        var replies = [c.reply()]
        replies.append(c.command("EHLO device.test"))
        if auth { replies.append(c.command(InboundSessionTests.plainAuth)) }
        replies.append(c.command("MAIL FROM:<\(from)>"))
        for recipient in recipients { replies.append(c.command("RCPT TO:<\(recipient)>")) }
        if replies.last?.hasPrefix("250") == true {
            replies.append(c.command("DATA"))
            replies.append(c.command("From: <\(from)>\r\nSubject: \(subject)\r\n\r\nbody\r\n."))
        }
        replies.append(c.command("QUIT"))
        return replies
    }

    @Test func listenersSpoolSchedulerAndUpstreamInOneProcess() async throws {
        let sink = try await LoopbackSink()
        sink.answerRcpt { $0.hasPrefix("bad@") ? "550 5.1.1 <\($0)>: Recipient address rejected: User unknown" : nil }
        let bridge = try await Self.start(sink: sink)
        // Both listeners bound on loopback ports the system chose, and reported them.
        let devices = try #require(bridge.ports["devices"])
        let office = try #require(bridge.ports["office"])
        #expect(devices > 0 && office > 0 && devices != office)

        // An allow-listed scanner relays without AUTH: accepted, queued, delivered upstream.
        let scan = try Self.session(port: devices, auth: false, from: "scanner@contoso.com", to: ["ok@fabrikam.com"], subject: "scan")
        #expect(scan.first?.hasPrefix("220 bridge.test ") == true)
        #expect(scan.contains { $0.hasPrefix("250 2.0.0 Ok: queued as ") }, "\(scan)")

        // A printer that authenticates sends to two recipients; the upstream refuses one and the
        // other still gets the message.
        let printed = try Self.session(
            port: office, auth: true, from: "printer@contoso.com", to: ["ok@fabrikam.com", "bad@fabrikam.com"],
            subject: "print")
        #expect(printed.contains("235 2.7.0 Authentication successful"), "\(printed)")
        #expect(printed.contains { $0.hasPrefix("250 2.0.0 Ok: queued as ") }, "\(printed)")

        // Nobody relays through the office listener without AUTH.
        let relay = try Self.session(port: office, auth: false, from: "printer@contoso.com", to: ["victim@example.org"], subject: "relay")
        #expect(relay.contains("530 5.7.0 Authentication required"), "\(relay)")
        #expect(relay.contains("503 5.5.1 Need MAIL before RCPT"), "\(relay)")
        #expect(!relay.contains { $0.hasPrefix("354") })

        let mail = { sink.received.filter { !$0.from.hasPrefix("postmaster@") } }
        #expect(await DeliverySchedulerTests.waitUntil { mail().count == 2 && bridge.spool.queued().isEmpty })
        await bridge.stop()
        await sink.stop()
        let delivered = mail().sorted { $0.from < $1.from }
        #expect(delivered.map(\.from) == ["printer@contoso.com", "scanner@contoso.com"])
        #expect(delivered.map(\.recipients) == [["ok@fabrikam.com"], ["ok@fabrikam.com"]])
        #expect(delivered[0].data.contains("Subject: print") && delivered[1].data.contains("Subject: scan"))
        // The refused recipient was tried once and bounced to the sender; the relay attempt never left.
        #expect(sink.rcptAttempts.filter { $0 == "bad@fabrikam.com" }.count == 1)
        #expect(!sink.rcptAttempts.contains("victim@example.org"))
        #expect(bridge.spool.deadLettered().count == 1)
    }
}
