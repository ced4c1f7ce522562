import AuthShiftCore
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import Workspace

/// Builds the dashboard: shared by `authshift serve` and the tests, so both run the same router,
/// middleware and checks.
public enum DashboardApplication {
    /// The router with every route and middleware. Middleware order (outermost first): security
    /// headers on everything, the session lookup, the access log (which sees who), then errors
    /// rendered as pages.
    public static func router(reader: WorkspaceReader, configuration: DashboardConfiguration, sessions: SessionStore) -> Router<
        DashboardContext
    > {
        let router = Router(context: DashboardContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SessionMiddleware(sessions: sessions))
        router.add(middleware: AccessLogMiddleware(sink: configuration.accessLog))
        router.add(middleware: ErrorPageMiddleware(teamMode: configuration.auth.isTeam))
        let now = configuration.now
        let today: @Sendable () -> CalendarDay = { CalendarDay(utc: now()) }
        AssetRoutes().add(to: router)
        SignInRoutes(auth: configuration.auth, sessions: sessions, secureCookies: configuration.secureCookies).add(to: router)
        PageRoutes(reader: reader, today: today).add(to: router)
        EditRoutes(reader: reader, now: now).add(to: router)
        APIRoutes(reader: reader, now: now).add(to: router)
        return router
    }

    /// The application listening where the configuration says, over TLS when it has a certificate.
    /// `onRunning` gets the bound port (the configured one, or the one the system chose for port 0).
    public static func build(
        store: any WorkspaceStore, configuration: DashboardConfiguration, sessions: SessionStore,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        try configuration.validate()
        let router = router(reader: WorkspaceReader(store: store), configuration: configuration, sessions: sessions)
        var logger = Logger(label: "authshift.serve")
        logger.logLevel = .warning
        let address = ApplicationConfiguration(address: .hostname(configuration.listen.host, port: configuration.listen.port))
        let running: @Sendable (any Channel) async -> Void = { channel in
            await onRunning(channel.localAddress?.port ?? configuration.listen.port)
        }
        let http1 = HTTP1Channel.Configuration(idleTimeout: TimeAmount(configuration.idleTimeout))
        if let tls = configuration.tls {
            return Application(
                router: router, server: try .tls(.http1(configuration: http1), tlsConfiguration: tls), configuration: address,
                onServerRunning: running,
                logger: logger)
        }
        return Application(
            router: router, server: .http1(configuration: http1), configuration: address, onServerRunning: running, logger: logger)
    }
}
