import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback stand-in for the token endpoint and Microsoft Graph, written for these tests: plain
/// http on 127.0.0.1 at a port the system picks, one request per connection (the client sends
/// `Connection: close`). `respond` decides each answer; every request is recorded.
final class GraphStandIn: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: String

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        /// `http://host:port` of the stand-in, from the Host header, for links in answers.
        var base: String { "http://" + (header("Host") ?? "") }
        var bearer: String? { header("Authorization").flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } }
    }

    enum Reply: Sendable {
        case answer(status: Int, headers: [(String, String)], body: String)
        /// Never answer (the client's deadline or a kill ends it).
        case hang

        static func json(_ body: String, status: Int = 200, headers: [(String, String)] = []) -> Reply {
            .answer(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
        }
    }

    private let lock = NSLock()
    private var recorded: [Request] = []
    private let respond: @Sendable (Request) -> Reply
    private var channel: Channel?
    private(set) var port = 0

    init(respond: @escaping @Sendable (Request) -> Reply) { self.respond = respond }

    var base: String { "http://127.0.0.1:\(port)" }

    var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    func start() async throws {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(server: self))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    func stop() async {
        try? await channel?.close()
    }

    fileprivate func handle(_ request: Request) -> Reply {
        lock.lock()
        recorded.append(request)
        lock.unlock()
        return respond(request)
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let server: GraphStandIn
        var head: HTTPRequestHead?
        var body = ""

        init(server: GraphStandIn) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h):
                head = h
                body = ""
            case .body(var buffer):
                body += buffer.readString(length: buffer.readableBytes) ?? ""
            case .end:
                guard let head else { return }
                let request = Request(
                    method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body)
                switch server.handle(request) {
                case .hang:
                    return
                case .answer(let status, let headers, let text):
                    var responseHead = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status))
                    let bytes = ByteBuffer(string: text)
                    responseHead.headers.add(name: "Content-Length", value: String(bytes.readableBytes))
                    responseHead.headers.add(name: "Connection", value: "close")
                    for (name, value) in headers { responseHead.headers.add(name: name, value: value) }
                    context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
                    context.write(wrapOutboundOut(.body(.byteBuffer(bytes))), promise: nil)
                    let channel = context.channel
                    context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
                }
            }
        }
    }
}
