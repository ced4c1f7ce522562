import NIOCore
import NIOPosix
import NIOSSL
import OAuth
import SMTP
import Transport

/// The client side's channel set-up, shared by the probe and the relay's delivery sessions:
/// TLS first for implicit TLS (RFC 8314), then the reply decoder with RFC 5321's limits, the
/// command encoder, and the conversation's own handler.
enum SMTPClientPipeline {
    /// Makes the TLS handler, naming the server for SNI and verification unless it is an address.
    static func tlsMaker(host: String, context: NIOSSLContext?) -> @Sendable () throws -> NIOSSLClientHandler {
        let serverName = HTTPSPost.isIPAddress(host) ? nil : host
        return {
            guard let context else { throw NIOSSLError.noCertificateToValidate }
            return try NIOSSLClientHandler(context: context, serverHostname: serverName)
        }
    }

    static func bootstrap(
        timeout: TimeAmount, tls: SMTPClientPlan.TLSMode, makeTLS: @escaping @Sendable () throws -> NIOSSLClientHandler,
        handler: @escaping @Sendable () -> any ChannelHandler
    ) -> ClientBootstrap {
        ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let ops = channel.pipeline.syncOperations
                    if tls == .implicit { try ops.addHandler(try makeTLS()) }
                    try ops.addHandler(ByteToMessageHandler(SMTPResponseDecoder()))
                    try ops.addHandler(MessageToByteHandler(SMTPCommandEncoder()))
                    try ops.addHandler(handler())
                }
            }
    }
}
