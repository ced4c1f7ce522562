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
///
/// It is built from a configuration value (`init(configuration:)`; the command reads the file
/// with `init(configurationPath:)`), and reports the ports its listeners bound
/// (`listeningPorts()`), so a test can run listeners, spool and scheduler in one process on
/// port 0, as an application is built once for the daemon and once for its tests.
public final class BridgeService: Sendable {
    private let configuration: ConfigurationBox
    /// Where SIGHUP re-reads the configuration from; nil: built from a value, no reload.
    private let configPath: String?
    private let handlesSignals: Bool
    private let spool: Spool
    private let log: BridgeLog
    private let metrics = BridgeMetrics()
    private let scheduler: DeliveryScheduler
    private let bound = BoundListeners()

    /// Reads the configuration file; SIGHUP re-reads it.
    public convenience init(configurationPath: String, quiet: Bool = false) throws {
        try self.init(
            configuration: try BridgeConfiguration.load(path: configurationPath), configurationPath: configurationPath, quiet: quiet)
    }

    /// `handlesSignals: false` leaves SIGTERM, SIGINT and SIGHUP alone (a test in the same
    /// process); `run()` then ends when its task is cancelled.
    public init(
        configuration config: BridgeConfiguration, configurationPath: String? = nil, quiet: Bool = false, handlesSignals: Bool = true
    ) throws {
        configPath = configurationPath
        self.handlesSignals = handlesSignals
        configuration = ConfigurationBox(config)
        spool = try Spool(root: config.spool)
        log = BridgeLog(spool: config.spool, quiet: quiet)
        var roots: [NIOSSLCertificate] = []
        for file in Set(config.routes.compactMap(\.trustRootsFile)) { roots += try NIOSSLCertificate.fromPEMFile(file) }
        let tokens = try config.oauth.map { try TokenCache(settings: $0, trustRoots: roots) }
        metrics.setCredentialExpiries(config.credentialExpiries().expiries)
        scheduler = try DeliveryScheduler(
            configuration: configuration, spool: spool, log: log, metrics: metrics, tokens: tokens, trustRoots: roots)
    }

    /// Runs until SIGTERM or SIGINT has shut everything down gracefully.
    public func run() async throws {
        let config = configuration.current
        for warning in config.warnings { log.event("warning", "configuration", ["warning": warning]) }
        logExpiries(config)
        let purged = spool.purgeIncoming()
        if purged > 0 { log.event("info", "purged-incomplete", ["count": purged]) }
        var services: [any Service] = []
        if let address = config.metricsAddress, let port = config.metricsPort {
            services.append(MetricsService(address: address, port: port, metrics: metrics, log: log))
        }
        services.append(scheduler)
        if handlesSignals && configPath != nil { services.append(ReloadService(reload: reload)) }
        services.append(
            ListenerService(configuration: configuration, spool: spool, scheduler: scheduler, log: log, metrics: metrics, bound: bound))
        // authshift logs its own JSON lines; the group's logger stays quiet.
        let logger = Logger(label: "authshift.bridge") { _ in SwiftLogNoOpLogHandler() }
        let signals: [UnixSignal] = handlesSignals ? [.sigterm, .sigint] : []
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: signals, logger: logger))
        try await group.run()
        log.event("info", "stopped", [:])
    }

    /// The port each listener bound, by listener name, once all are listening (`run()` must be
    /// running); empty when binding failed.
    public func listeningPorts() async -> [String: Int] {
        await bound.ports()
    }

    /// Sets the expiry gauge and logs the certificates expired or expiring within 30 days, and
    /// those that could not be read.
    private func logExpiries(_ config: BridgeConfiguration) {
        let reading = config.credentialExpiries()
        metrics.setCredentialExpiries(reading.expiries)
        for problem in reading.expiries.compactMap({ $0.problem() }) {
            log.event(problem.expired ? "error" : "warning", "credential-expiry", ["warning": problem.text])
        }
        for text in reading.unreadable { log.event("warning", "credential-expiry", ["warning": text]) }
    }

    private func reload() {
        guard let configPath else { return }
        do {
            let new = try BridgeConfiguration.load(path: configPath)
            let old = configuration.current
            for reason in new.changesNeedingRestart(from: old) {
                log.event("warning", "reload-needs-restart", ["reason": reason])
            }
            configuration.replace(new)
            for warning in new.warnings { log.event("warning", "configuration", ["warning": warning]) }
            logExpiries(new)
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
