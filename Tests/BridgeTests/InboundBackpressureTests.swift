import Foundation
import NIOCore
import NIOEmbedded
import Testing

@testable import Bridge

/// A client that pipelines commands and never reads its replies must not make the bridge
/// buffer replies without bound, and one that sends garbage gets a bounded number of answers.
@Suite(.serialized) struct InboundBackpressureTests {
    private static func embeddedSession() throws -> EmbeddedChannel {
        let (shared, _, _) = try InboundServer.handlerSettings(InboundSessionTests.yaml())
        let source = try SocketAddress(ipAddress: "127.0.0.1", port: 40_000)
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(SMTPServerHandler(shared: shared, source: source))
        try channel.connect(to: source).wait()
        return channel
    }

    private static func replies(_ channel: EmbeddedChannel) throws -> [String] {
        var lines: [String] = []
        while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
            lines += (buffer.readString(length: buffer.readableBytes) ?? "").split(separator: "\r\n").map(String.init)
        }
        return lines
    }

    @Test func commandsWaitAndReadingStopsWhileRepliesCannotBeSent() throws {
        let channel = try Self.embeddedSession()
        defer { _ = try? channel.finish() }
        #expect(try Self.replies(channel).first?.hasPrefix("220 ") == true)
        // The client stopped reading: the channel is above its high-water mark.
        channel.isWritable = false
        try channel.writeInbound(ByteBuffer(string: String(repeating: "NOOP\r\n", count: 500)))
        #expect(try Self.replies(channel).isEmpty)
        // The replies drained: the waiting commands are answered, in order, (reading stops meanwhile: autoRead is off until then).
        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        let answered = try Self.replies(channel)
        #expect(answered.count == 500)
        #expect(answered.allSatisfy { $0.hasPrefix("250 ") })
    }

    @Test func aSessionOfRefusedCommandsIsClosedWith421AtTheErrorLimit() async throws {
        let server = try await InboundServer.start(InboundSessionTests.yaml())
        defer { Task { await server.stop() } }
        let c = try RawClient(port: server.port)
        #expect(c.reply().hasPrefix("220 "))
        c.send(String(repeating: "\n", count: 100_000))
        var lines: [String] = []
        while !c.closedByServer {
            let line = c.reply(within: 3)
            if line.isEmpty { break }
            lines.append(line)
        }
        #expect(lines.count == 21)
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("500 ") })
        #expect(lines.last?.hasPrefix("421 4.7.0 bridge.test") == true)
        #expect(c.isClosed())
    }

    @Test func anAcceptedMessageResetsTheErrorCount() async throws {
        let server = try await InboundServer.start(InboundSessionTests.yaml())
        defer { Task { await server.stop() } }
        let c = try InboundSessionTests.login(server.port)
        for _ in 0..<15 { #expect(c.command("BOGUS").hasPrefix("502 ")) }
        #expect(c.command("MAIL FROM:<scanner@contoso.com>").hasPrefix("250 "))
        #expect(c.command("RCPT TO:<a@fabrikam.com>").hasPrefix("250 "))
        #expect(c.command("DATA").hasPrefix("354 "))
        #expect(c.command("Subject: t\r\n\r\nbody\r\n.").hasPrefix("250 "))
        for _ in 0..<15 { #expect(c.command("BOGUS").hasPrefix("502 ")) }
        #expect(c.command("NOOP").hasPrefix("250 "))
    }
}
