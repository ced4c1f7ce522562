import Foundation
import NIOCore
import NIOPosix
import TestSupport

/// A loopback SMTP sink for the scheduler's tests: answers every command, records each message
/// (envelope sender and content) in arrival order. Can be started on a port chosen earlier, so a
/// test can have the upstream down first and up later.
final class LoopbackSink: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [(from: String, data: String)] = []
    let channel: Channel
    var port: Int { channel.localAddress!.port! }

    var received: [(from: String, data: String)] { lock.lock(); defer { lock.unlock() }; return messages }

    init(port: Int = 0) async throws {
        let box = SinkBox()
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(SinkHandler(box: box)) }
            }
            .bind(host: "127.0.0.1", port: port).get()
        box.record = { [weak self] from, data in
            guard let self else { return }
            self.lock.lock(); self.messages.append((from, data)); self.lock.unlock()
        }
    }

    func stop() async { try? await channel.close() }

    static func freePort() async throws -> Int {
        let probe = try await LoopbackSink()
        let port = probe.port
        await probe.stop()
        return port
    }
}

final class SinkBox: @unchecked Sendable {
    var record: (String, String) -> Void = { _, _ in }
}

private final class SinkHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let box: SinkBox
    var lines = LineSplitter()
    var inData = false
    var from = ""
    var data = ""

    init(box: SinkBox) { self.box = box }

    func channelActive(context: ChannelHandlerContext) { send("220 sink ready", context) }

    func channelRead(context: ChannelHandlerContext, data input: NIOAny) {
        var buffer = unwrapInboundIn(input)
        lines.append(&buffer)
        while let line = lines.next() {
            if inData {
                if line == "." { inData = false; box.record(from, data); data = ""; send("250 2.0.0 queued", context) } else { data += line + "\n" }
                continue
            }
            let upper = line.uppercased()
            if upper.hasPrefix("MAIL FROM:<") { from = String(line.dropFirst(11).prefix { $0 != ">" }) }
            if upper == "DATA" { inData = true; send("354 go", context) } else if upper == "QUIT" { send("221 bye", context); context.close(promise: nil) } else { send("250 ok", context) }
        }
    }

    private func send(_ text: String, _ context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }
}
