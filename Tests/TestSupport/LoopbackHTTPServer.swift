import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// An HTTP/1.1 server for tests that stand in for a web service (Graph and the token endpoint in
/// CollectTests, an OpenID Connect provider in OpenIDConnectTests): on 127.0.0.1 at a port the system
/// picks, plain or over TLS, one request per connection (the clients send `Connection: close`).
/// `respond` decides each answer; every request is recorded.
public final class LoopbackHTTPServer: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var uri: String
        public var headers: [(String, String)]
        public var body: String

        public func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        /// The path without the query.
        public var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }
        /// The query, after `?`, or "".
        public var query: String { uri.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? "" }
    }

    public enum Reply: Sendable {
        case answer(status: Int, headers: [(String, String)], body: String)
        /// Never answer (the client's deadline or a kill ends it).
        case hang

        public static func json(_ body: String, status: Int = 200, headers: [(String, String)] = []) -> Reply {
            .answer(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
        }
    }

    private let lock = NSLock()
    private var recorded: [Request] = []
    private let respond: @Sendable (Request) -> Reply
    private let tls: NIOSSLContext?
    private var channel: Channel?
    public private(set) var port = 0

    /// - Parameter tls: the server's TLS context, or nil for plain http.
    public init(tls: NIOSSLContext? = nil, respond: @escaping @Sendable (Request) -> Reply) {
        self.tls = tls
        self.respond = respond
    }

    /// The fixture certificate for localhost and 127.0.0.1 (server.pem), signed by the test CA (ca.pem).
    public static func fixtureTLS() throws -> NIOSSLContext {
        try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(Fixture.path("server.pem")).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: Fixture.path("server-key.pem"), format: .pem))))
    }

    /// `http://127.0.0.1:port` or `https://...`.
    public var base: String { "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)" }

    public var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    public func start() async throws {
        let tls = self.tls
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(server: self))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    public func stop() async {
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

        let server: LoopbackHTTPServer
        var head: HTTPRequestHead?
        var body = ""

        init(server: LoopbackHTTPServer) { self.server = server }

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
