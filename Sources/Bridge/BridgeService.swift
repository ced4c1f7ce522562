import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import UnixSignals

/// The running bridge: a swift-service-lifecycle `ServiceGroup` of the metrics endpoint, the
/// delivery scheduler, the SIGHUP reloader and the SMTP listeners. SIGTERM and SIGINT start a
/// graceful shutdown, which the group hands to the services in reverse order: the listeners
/// stop accepting and give open sessions up to 30 seconds, then the scheduler lets deliveries
/// in flight finish, then the metrics endpoint closes. SIGHUP re-reads the configuration
/// (accounts, allow-lists, routes, limits; a changed listener needs a restart) without dropping
/// connections.
public final class BridgeService: Sendable {
    private let configuration: ConfigurationBox
    private let configPath: String
    private let spool: Spool
    private let log: BridgeLog
    private let metrics = BridgeMetrics()
    private let scheduler: DeliveryScheduler

    public init(configurationPath: String, quiet: Bool = false) throws {
        let config = try BridgeConfiguration.load(path: configurationPath)
        configPath = configurationPath
        configuration = ConfigurationBox(config)
        spool = try Spool(root: config.spool)
        log = BridgeLog(spool: config.spool, quiet: quiet)
        var roots: [NIOSSLCertificate] = []
        for file in Set(config.routes.compactMap(\.trustRootsFile)) { roots += try NIOSSLCertificate.fromPEMFile(file) }
        let tokens = try config.oauth.map { try TokenCache(settings: $0, trustRoots: roots) }
        scheduler = try DeliveryScheduler(configuration: configuration, spool: spool, log: log, metrics: metrics, tokens: tokens, trustRoots: roots)
    }

    /// Runs until SIGTERM or SIGINT has shut everything down gracefully.
    public func run() async throws {
        let config = configuration.current
        for warning in config.warnings { log.event("warning", "configuration", ["warning": warning]) }
        let purged = spool.purgeIncoming()
        if purged > 0 { log.event("info", "purged-incomplete", ["count": purged]) }
        var services: [any Service] = []
        if let address = config.metricsAddress, let port = config.metricsPort {
            services.append(MetricsService(address: address, port: port, metrics: metrics, log: log))
        }
        services.append(scheduler)
        services.append(ReloadService(reload: reload))
        services.append(ListenerService(configuration: configuration, spool: spool, scheduler: scheduler, log: log, metrics: metrics))
        // authshift logs its own JSON lines; the group's logger stays quiet.
        let logger = Logger(label: "authshift.bridge") { _ in SwiftLogNoOpLogHandler() }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        log.event("info", "stopped", [:])
    }

    private func reload() {
        do {
            let new = try BridgeConfiguration.load(path: configPath)
            let old = configuration.current
            for reason in new.changesNeedingRestart(from: old) {
                log.event("warning", "reload-needs-restart", ["reason": reason])
            }
            configuration.replace(new)
            for warning in new.warnings { log.event("warning", "configuration", ["warning": warning]) }
            let scheduler = self.scheduler
            Task { await scheduler.requestRescan() }
            log.event("info", "reloaded", ["accounts": new.accounts.count, "routes": new.routes.count])
        } catch {
            log.event("error", "reload-failed", ["error": "\(error)", "kept": "the previous configuration"])
        }
    }
}

/// Re-reads the configuration on each SIGHUP until shutdown.
struct ReloadService: Service {
    let reload: @Sendable () -> Void

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals { reload() }
        }
    }
}

/// The metrics endpoint as a service: bound at start, closed at shutdown.
struct MetricsService: Service {
    let address: String
    let port: Int
    let metrics: BridgeMetrics
    let log: BridgeLog

    func run() async throws {
        let channel = try await MetricsServer.start(address: address, port: port, metrics: metrics)
        log.event("info", "metrics", ["address": address, "port": port])
        try? await gracefulShutdown()
        try? await channel.close()
    }
}
