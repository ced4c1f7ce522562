import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import Transport

/// The SMTP listeners as one service: binds every listener of the configuration (a failure to
/// bind ends the bridge with the error), logs "started", and on graceful shutdown stops
/// accepting and gives open sessions up to `grace` to finish their transaction.
struct ListenerService: Service {
    let configuration: ConfigurationBox
    let spool: Spool
    let scheduler: DeliveryScheduler
    let log: BridgeLog
    let metrics: BridgeMetrics
    /// Told the port each listener bound (its configured port, or the one the system chose for 0).
    var bound: BoundListeners?
    var grace: TimeAmount = .seconds(30)

    func run() async throws {
        let config = configuration.current
        let admission = AdmissionControl()
        let verifier = CredentialVerifier()
        var channels: [Channel] = []
        do {
            for listener in config.listeners {
                channels.append(try await bind(listener, admission: admission, verifier: verifier))
            }
        } catch {
            for channel in channels { try? await channel.close() }
            log.event("error", "cannot-listen", ["error": "\(error)"])
            await bound?.publish([:])
            throw error
        }
        var ports: [String: Int] = [:]
        for (listener, channel) in zip(config.listeners, channels) { ports[listener.name] = channel.localAddress?.port ?? listener.port }
        await bound?.publish(ports)
        log.event("info", "started", ["spool": config.spool, "queued": spool.queuedCount])
        try? await gracefulShutdown()
        log.event("info", "stopping", [:])
        for channel in channels { try? await channel.close() }
        let deadline = NIODeadline.now() + grace
        while metrics.openConnections > 0 && NIODeadline.now() < deadline {
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    private func bind(_ listener: BridgeConfiguration.Listener, admission: AdmissionControl, verifier: CredentialVerifier) async throws
        -> Channel
    {
        var ssl: NIOSSLContext?
        if let certificate = listener.certificate, let key = listener.key {
            ssl = try NIOSSLContext(configuration: try Self.serverTLS(for: listener, certificate: certificate, key: key))
        }
        let shared = SMTPServerHandler.Shared(
            listener: listener, configuration: configuration, spool: spool, scheduler: scheduler, log: log,
            metrics: metrics, admission: admission, verifier: verifier, sslContext: ssl)
        let implicit = listener.tls == .implicit
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [ssl] channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicit, let ssl { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: ssl)) }
                    try channel.pipeline.syncOperations.addHandler(SMTPServerHandler(shared: shared, source: channel.remoteAddress))
                }
            }
            .bind(host: listener.address, port: listener.port).get()
        log.event(
            "info", "listening",
            [
                "listener": listener.name, "address": listener.address, "port": channel.localAddress?.port ?? listener.port,
                "tls": listener.tls.rawValue,
            ])
        return channel
    }

    /// The listener's server TLS settings: its certificate and key, and its oldest accepted
    /// version as parsed by `TLSProtocolVersion` (no fallback: the type holds only real versions).
    static func serverTLS(for listener: BridgeConfiguration.Listener, certificate: String, key: String) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        tls.minimumTLSVersion = listener.minimumTLSVersion.nio
        return tls
    }
}

/// The listeners' bound ports, published once by `ListenerService`; readers wait until then.
actor BoundListeners {
    private var published: [String: Int]?
    private var waiting: [CheckedContinuation<[String: Int], Never>] = []

    func publish(_ ports: [String: Int]) {
        published = ports
        for continuation in waiting { continuation.resume(returning: ports) }
        waiting = []
    }

    func ports() async -> [String: Int] {
        if let published { return published }
        return await withCheckedContinuation { waiting.append($0) }
    }
}
