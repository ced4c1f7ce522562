import AuthShiftCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One HTTP/1.1 POST or GET on SwiftNIO, enough for a token endpoint, Graph's sendMail and the
/// Graph and Log Analytics reads of `collect`, without an HTTP client library: https with certificate and host name verification for every host, plain
/// http only for loopback addresses (test servers), a bounded response body and a deadline.
/// https goes through the `HTTPS_PROXY` tunnel when one is configured (`HTTPProxy`).
public struct HTTPSPost: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]

        public init(status: Int, headers: [(String, String)], body: [UInt8]) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        /// A header's value, its name matched in any letter case (RFC 9110 §5.1).
        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    public enum Failure: Error, Sendable {
        case invalidURL(String)
        case plainHTTPNotLoopback(String)
        case connection(String)
        case timedOut
        case responseTooLarge(Int)
    }

    public static let maximumResponse = 1 << 20

    public var timeout: TimeAmount
    /// The https client context, built once (with any extra trust roots, for test endpoints
    /// with their own CA) and shared by every request and every copy of this value.
    private let tls: Result<NIOSSLContext, Failure>

    /// The proxy for https, from the environment by default.
    public var proxy: @Sendable (String) -> HTTPProxy?

    public init(
        timeout: TimeAmount = .seconds(30), trustRoots: [NIOSSLCertificate] = [],
        proxy: @escaping @Sendable (String) -> HTTPProxy? = { HTTPProxy.fromEnvironment(for: $0) }
    ) {
        self.timeout = timeout
        self.proxy = proxy
        do { tls = .success(try ClientTLS.context(trustRoots: trustRoots)) } catch { tls = .failure(.connection("\(error)")) }
    }

    /// The same client (context, proxy) with another deadline.
    public func with(timeout: TimeAmount) -> HTTPSPost {
        var copy = self
        copy.timeout = timeout
        return copy
    }

    public func post(url text: String, headers extra: [(String, String)], body: [UInt8]) async throws(Failure) -> Response {
        try await send(.POST, url: text, headers: extra, body: body, responseLimit: Self.maximumResponse)
    }

    /// A GET (no body). `responseLimit` bounds the body kept in memory: a Graph page of 1,000
    /// sign-ins is several megabytes, more than a token response ever needs.
    public func get(url text: String, headers extra: [(String, String)], responseLimit: Int = maximumResponse) async throws(Failure)
        -> Response
    {
        try await send(.GET, url: text, headers: extra, body: nil, responseLimit: responseLimit)
    }

    private func send(
        _ method: HTTPMethod, url text: String, headers extra: [(String, String)], body: [UInt8]?,
        responseLimit: Int
    ) async throws(Failure) -> Response {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, scheme == "https" || scheme == "http"
        else {
            throw .invalidURL(text)
        }
        let secure = scheme == "https"
        if !secure && !Loopback.contains(host) { throw .plainHTTPNotLoopback(text) }
        let port = url.port ?? (secure ? 443 : 80)
        var path = url.path.isEmpty ? "/" : url.path
        if let query = url.query { path += "?" + query }

        let sslContext: NIOSSLContext? = secure ? try tls.get() : nil
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.any().makePromise(of: Response.self)
        let hostHeader = url.port.map { "\(host):\($0)" } ?? host
        let timeout = self.timeout
        let tunnel = secure ? proxy(host) : nil
        let ready = group.any().makePromise(of: Void.self)
        // TLS and HTTP: at once, or once the proxy's tunnel is open.
        let install: @Sendable (Channel) throws -> Void = { [sslContext] channel in
            if let sslContext {
                let tls = try NIOSSLClientHandler(context: sslContext, serverHostname: Self.isIPAddress(host) ? nil : host)
                try channel.pipeline.syncOperations.addHandler(tls)
            }
            try channel.pipeline.syncOperations.addHTTPClientHandlers()
            try channel.pipeline.syncOperations.addHandler(ResponseCollector(promise: promise, limit: responseLimit))
        }
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tunnel {
                        try channel.pipeline.syncOperations.addHandler(
                            ProxyTunnelHandler(
                                target: "\(host):\(port)", authorization: tunnel.authorization, ready: ready, installAfterTunnel: install))
                    } else {
                        try install(channel)
                        ready.succeed()
                    }
                }
            }
        let channel: Channel
        do {
            channel = try await bootstrap.connect(host: tunnel?.host ?? host, port: tunnel?.port ?? port).get()
        } catch {
            promise.fail(error)
            ready.fail(error)
            let (timedOut, text) = ConnectFailure.describe(error, host: tunnel?.host ?? host, port: tunnel?.port ?? port)
            throw timedOut ? .timedOut : .connection(tunnel == nil ? text : "proxy: " + text)
        }
        let tunnelTimer = channel.eventLoop.scheduleTask(in: timeout) {
            ready.fail(Failure.timedOut)
        }
        defer { tunnelTimer.cancel() }
        do {
            try await ready.futureResult.get()
        } catch let failure as Failure {
            promise.fail(failure)
            channel.close(promise: nil)
            throw failure
        } catch {
            promise.fail(error)
            channel.close(promise: nil)
            throw .connection("\(error)")
        }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
        head.headers.add(name: "Host", value: hostHeader)
        if let body { head.headers.add(name: "Content-Length", value: String(body.count)) }
        head.headers.add(name: "Connection", value: "close")
        head.headers.add(name: "User-Agent", value: "authshift")
        for (name, value) in extra { head.headers.add(name: name, value: value) }
        let timer = channel.eventLoop.scheduleTask(in: timeout) {
            promise.fail(Failure.timedOut)
            channel.close(promise: nil)
        }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil) }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        do {
            let response = try await promise.futureResult.get()
            timer.cancel()
            channel.close(promise: nil)
            return response
        } catch let failure as Failure {
            timer.cancel()
            throw failure
        } catch {
            timer.cancel()
            channel.close(promise: nil)
            throw .connection("\(error)")
        }
    }

    public static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
    }
}

/// Gathers one response; fails on a body over the limit or a connection closed too early.
private final class ResponseCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<HTTPSPost.Response>
    private let limit: Int
    private var status = 0
    private var headers: [(String, String)] = []
    private var body: [UInt8] = []

    init(promise: EventLoopPromise<HTTPSPost.Response>, limit: Int) {
        self.promise = promise
        self.limit = limit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            headers = head.headers.map { ($0.name, $0.value) }
        case .body(var buffer):
            if body.count + buffer.readableBytes > limit {
                promise.fail(HTTPSPost.Failure.responseTooLarge(limit))
                context.close(promise: nil)
                return
            }
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            promise.succeed(HTTPSPost.Response(status: status, headers: headers, body: body))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(HTTPSPost.Failure.connection("the connection closed before the response was complete"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        promise.fail(error)
        context.close(promise: nil)
    }
}
