#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// The running bridge: listeners, the delivery scheduler, the metrics endpoint, and the signals
/// an operator sends. SIGHUP re-reads the configuration (accounts, allow-lists, routes, limits;
/// a changed listener needs a restart) without dropping connections; SIGTERM and SIGINT stop
/// accepting, let open sessions finish for a grace period, wait for deliveries in flight, and exit.
public final class BridgeService: @unchecked Sendable {
    private let configuration: ConfigurationBox
    private let spool: Spool
    private let log: BridgeLog
    public let metrics = BridgeMetrics()
    private let admission = AdmissionControl()
    private let verifier = CredentialVerifier()
    private let scheduler: DeliveryScheduler
    private var listeners: [Channel] = []
    private var metricsChannel: Channel?
    private var signalSources: [DispatchSourceSignal] = []
    private let stopped = DispatchSemaphore(value: 0)
    private let configPath: String

    public init(configurationPath: String, quiet: Bool = false) throws {
        let config = try BridgeConfiguration.load(path: configurationPath)
        configPath = configurationPath
        configuration = ConfigurationBox(config)
        spool = try Spool(root: config.spool)
        log = BridgeLog(spool: config.spool, quiet: quiet)
        var roots: [NIOSSLCertificate] = []
        for file in Set(config.routes.compactMap(\.trustRootsFile)) { roots += try NIOSSLCertificate.fromPEMFile(file) }
        let tokens = try config.oauth.map { try TokenCache(settings: $0, trustRoots: roots) }
        scheduler = DeliveryScheduler(configuration: configuration, spool: spool, log: log, metrics: metrics, tokens: tokens, trustRoots: roots)
    }

    /// Binds everything and returns once listening; `waitUntilStopped` blocks until a signal ends it.
    public func start() async throws {
        let config = configuration.current
        for warning in config.warnings { log.event("warning", "configuration", ["warning": warning]) }
        let purged = spool.purgeIncoming()
        if purged > 0 { log.event("info", "purged-incomplete", ["count": purged]) }
        for listener in config.listeners {
            var ssl: NIOSSLContext?
            if let certificate = listener.certificate, let key = listener.key {
                let tls = TLSConfiguration.makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
                    privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
                ssl = try NIOSSLContext(configuration: tls)
            }
            let shared = SMTPServerHandler.Shared(listener: listener, configuration: configuration, spool: spool, scheduler: scheduler, log: log,
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
            listeners.append(channel)
            log.event("info", "listening", ["listener": listener.name, "address": listener.address, "port": channel.localAddress?.port ?? listener.port,
                                            "tls": listener.tls.rawValue])
        }
        if let address = config.metricsAddress, let port = config.metricsPort {
            metricsChannel = try await MetricsServer.start(address: address, port: port, metrics: metrics)
            log.event("info", "metrics", ["address": address, "port": port])
        }
        let scheduler = self.scheduler
        Task.detached { await scheduler.run() }
        installSignalHandlers()
        log.event("info", "started", ["spool": config.spool, "queued": spool.queued().count])
    }

    /// The port a listener is bound to (tests bind port 0).
    public func boundPort(listener index: Int) -> Int? { listeners.indices.contains(index) ? listeners[index].localAddress?.port : nil }

    public func waitUntilStopped() { stopped.wait() }

    public func reload() {
        do {
            let new = try BridgeConfiguration.load(path: configPath)
            let old = configuration.current
            if new.listeners.map({ "\($0.address):\($0.port):\($0.tls)" }) != old.listeners.map({ "\($0.address):\($0.port):\($0.tls)" }) || new.spool != old.spool {
                log.event("warning", "reload-needs-restart", ["reason": "listener addresses, ports, TLS or the spool changed; those take effect at the next start"])
            }
            configuration.replace(new)
            let scheduler = self.scheduler
            Task { await scheduler.requestRescan() }
            log.event("info", "reloaded", ["accounts": new.accounts.count, "routes": new.routes.count])
        } catch {
            log.event("error", "reload-failed", ["error": "\(error)", "kept": "the previous configuration"])
        }
    }

    public func shutdown(grace: TimeAmount = .seconds(30)) async {
        log.event("info", "stopping", [:])
        for channel in listeners { try? await channel.close() }
        // Let open sessions finish their transaction (each still has its idle timeout).
        let deadline = NIODeadline.now() + grace
        while metrics.openConnections > 0 && NIODeadline.now() < deadline {
            try? await Task.sleep(for: .milliseconds(100))
        }
        try? await metricsChannel?.close()
        await scheduler.shutdown()
        log.event("info", "stopped", [:])
        stopped.signal()
    }

    private func installSignalHandlers() {
        for sig in [SIGHUP, SIGTERM, SIGINT] { signal(sig, SIG_IGN) }
        let queue = DispatchQueue(label: "authshift.bridge.signals")
        let hup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        hup.setEventHandler { [weak self] in self?.reload() }
        hup.resume()
        signalSources.append(hup)
        for sig in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [weak self] in
                guard let self else { return }
                Task { await self.shutdown() }
            }
            source.resume()
            signalSources.append(source)
        }
    }
}
