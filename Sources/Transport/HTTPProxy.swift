import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// An HTTP proxy for https requests (the token endpoint, Graph), as corporate networks require
/// for outbound web traffic: from `HTTPS_PROXY` / `https_proxy` (`http://[user:password@]host:port`),
/// bypassed for hosts in `NO_PROXY` / `no_proxy` (comma-separated names or `.domain` suffixes;
/// `*` bypasses all), the conventions curl uses. The tunnel is an HTTP CONNECT (RFC 9110
/// §9.3.6); TLS to the real host runs inside it, so the proxy sees neither token nor secret.
public struct HTTPProxy: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// `Basic base64(user:password)`, when the proxy URL carries credentials.
    var authorization: String?

    public init?(url text: String) {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let url = URL(string: withScheme), let host = url.host, url.scheme?.lowercased() == "http" else { return nil }
        self.host = host
        port = url.port ?? 80
        if let user = url.user {
            let credentials = (user.removingPercentEncoding ?? user) + ":" + ((url.password?.removingPercentEncoding ?? url.password) ?? "")
            authorization = "Basic " + Data(credentials.utf8).base64EncodedString()
        }
    }

    /// The proxy to use for `host`, or nil (none configured, or the host is excluded).
    public static func fromEnvironment(for host: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> HTTPProxy?
    {
        guard let value = environment["HTTPS_PROXY"] ?? environment["https_proxy"], !value.isEmpty else { return nil }
        let exclusions = (environment["NO_PROXY"] ?? environment["no_proxy"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let name = host.lowercased()
        for entry in exclusions where !entry.isEmpty {
            if entry == "*" { return nil }
            let domain = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            if name == domain || name.hasSuffix("." + domain) { return nil }
        }
        return HTTPProxy(url: value)
    }
}

/// Opens the CONNECT tunnel, then steps aside: on the proxy's 200 it removes itself and lets
/// `installAfterTunnel` add TLS and HTTP to the pipeline; any other answer fails `ready`.
final class ProxyTunnelHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let target: String
    private let authorization: String?
    private let ready: EventLoopPromise<Void>
    private let installAfterTunnel: (Channel) throws -> Void
    private var received: [UInt8] = []

    init(target: String, authorization: String?, ready: EventLoopPromise<Void>, installAfterTunnel: @escaping (Channel) throws -> Void) {
        self.target = target
        self.authorization = authorization
        self.ready = ready
        self.installAfterTunnel = installAfterTunnel
    }

    func channelActive(context: ChannelHandlerContext) {
        var request = "CONNECT \(target) HTTP/1.1\r\nHost: \(target)\r\nUser-Agent: authshift\r\n"
        if let authorization { request += "Proxy-Authorization: \(authorization)\r\n" }
        request += "\r\n"
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: request)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard let end = Self.headerEnd(received) else {
            if received.count > 16_384 { fail(context, "the proxy's answer to CONNECT is too long") }
            return
        }
        let statusLine = String(decoding: received.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1] == "200" else {
            fail(context, "the proxy refused the tunnel to \(target): \(statusLine)")
            return
        }
        guard end == received.count else {
            fail(context, "the proxy sent data before the tunnel was open")
            return
        }
        do {
            try installAfterTunnel(context.channel)
            context.pipeline.syncOperations.removeHandler(self, promise: nil)
            ready.succeed()
        } catch {
            fail(context, "could not start TLS through the proxy: \(error)")
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        ready.fail(HTTPSPost.Failure.connection("the proxy closed the connection before the tunnel to \(target) was open"))
        context.fireChannelInactive()
    }

    private func fail(_ context: ChannelHandlerContext, _ reason: String) {
        ready.fail(HTTPSPost.Failure.connection(reason))
        context.close(promise: nil)
    }

    static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i + 4
        }
        return nil
    }
}
