import Foundation
import NIOCore
import NIOPosix
import TestSupport

/// A loopback SMTP sink for the scheduler's tests: answers every command, records each message
/// (envelope sender, the recipients it accepted, content) in arrival order. Can be started on a
/// port chosen earlier, so a test can have the upstream down first and up later. `rcptReply`
/// answers RCPT per recipient (a 550 for one, a 452 for another until the test changes it);
/// it also counts connections, RSETs and the most sessions open at once.
final class LoopbackSink: @unchecked Sendable {
    struct Message {
        var from: String
        var recipients: [String]
        var data: String
    }

    private let box: SinkBox
    let channel: Channel
    var port: Int { channel.localAddress!.port! }

    var received: [Message] { box.locked { $0.messages } }
    var connections: Int { box.locked { $0.connections } }
    var resets: Int { box.locked { $0.resets } }
    var mostOpenAtOnce: Int { box.locked { $0.mostOpen } }
    /// Every RCPT the sink was sent, in order (accepted or not).
    var rcptAttempts: [String] { box.locked { $0.rcptAttempts } }

    /// The reply line for `RCPT TO:<address>`; nil answers `250 ok`.
    func answerRcpt(_ reply: @escaping @Sendable (String) -> String?) { box.locked { $0.rcptReply = reply } }

    init(port: Int = 0) async throws {
        let box = SinkBox()
        self.box = box
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(SinkHandler(box: box)) }
            }
            .bind(host: "127.0.0.1", port: port).get()
    }

    func stop() async { try? await channel.close() }

    static func freePort() async throws -> Int {
        let probe = try await LoopbackSink()
        let port = probe.port
        await probe.stop()
        return port
    }
}

/// The sink's shared record, behind a lock (sessions run on several event loops).
final class SinkBox: @unchecked Sendable {
    struct Record {
        var messages: [LoopbackSink.Message] = []
        var connections = 0
        var open = 0
        var mostOpen = 0
        var resets = 0
        var rcptAttempts: [String] = []
        var rcptReply: @Sendable (String) -> String? = { _ in nil }
    }

    private let lock = NSLock()
    private var record = Record()

    func locked<T>(_ body: (inout Record) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&record)
    }
}

private final class SinkHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let box: SinkBox
    var lines = LineSplitter()
    var inData = false
    var from = ""
    var recipients: [String] = []
    var data = ""

    init(box: SinkBox) { self.box = box }

    func channelActive(context: ChannelHandlerContext) {
        box.locked {
            $0.connections += 1
            $0.open += 1
            $0.mostOpen = max($0.mostOpen, $0.open)
        }
        send("220 sink ready", context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        box.locked { $0.open -= 1 }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data input: NIOAny) {
        var buffer = unwrapInboundIn(input)
        lines.append(&buffer)
        while let line = lines.next() {
            if inData {
                if line == "." {
                    inData = false
                    let message = LoopbackSink.Message(from: from, recipients: recipients, data: data)
                    box.locked { $0.messages.append(message) }
                    data = ""
                    send("250 2.0.0 queued", context)
                } else {
                    data += line + "\n"
                }
                continue
            }
            let upper = line.uppercased()
            if upper.hasPrefix("MAIL FROM:<") {
                from = String(line.dropFirst(11).prefix { $0 != ">" })
                recipients = []
                send("250 ok", context)
            } else if upper.hasPrefix("RCPT TO:<") {
                let address = String(line.dropFirst(9).prefix { $0 != ">" })
                let reply = box.locked { record -> String? in
                    record.rcptAttempts.append(address)
                    return record.rcptReply(address)
                }
                if let reply {
                    send(reply, context)
                } else {
                    recipients.append(address)
                    send("250 ok", context)
                }
            } else if upper == "DATA" {
                inData = true
                send("354 go", context)
            } else if upper == "RSET" {
                box.locked { $0.resets += 1 }
                from = ""
                recipients = []
                send("250 ok", context)
            } else if upper == "QUIT" {
                send("221 bye", context)
                context.close(promise: nil)
            } else {
                send("250 ok", context)
            }
        }
    }

    private func send(_ text: String, _ context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }
}
