import AuthShiftCore
import Foundation
import NIOSSL

/// What `serve` runs with. `validate()` holds the rule that keeps a desk tool private: a
/// listener that other machines can reach needs team mode's sign-in.
public struct DashboardConfiguration: Sendable {
    public var listen: ListenAddress
    public var auth: DashboardAuth
    /// TLS from a certificate and key file; cookies are marked Secure when set.
    public var tls: TLSConfiguration?
    /// People reach the dashboard through a TLS proxy (an https --public-url): cookies are marked
    /// Secure although this process speaks plain HTTP to the proxy.
    public var behindTLSProxy = false
    /// Whether cookies carry Secure: served over TLS here or by the proxy in front.
    public var secureCookies: Bool { tls != nil || behindTLSProxy }
    /// A connection that sends nothing for this long is closed: without a limit, sockets opened and
    /// left half-sent would hold the server's file descriptors until none were left.
    public var idleTimeout: Duration = .seconds(30)
    /// Where the access log's JSON lines go (standard error by default).
    public var accessLog: @Sendable (String) -> Void
    public var now: @Sendable () -> Date

    public init(
        listen: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8080), auth: DashboardAuth, tls: TLSConfiguration? = nil,
        accessLog: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.listen = listen
        self.auth = auth
        self.tls = tls
        self.accessLog = accessLog
        self.now = now
    }

    /// Refuses a listener beyond loopback without team mode.
    public func validate() throws {
        if !listen.isLoopback && !auth.isTeam {
            throw DashboardError(
                "refusing to listen on \(listen): beyond this machine the dashboard needs team sign-in "
                    + "(--auth entra --tenant ... --client-id ...); without it, listen on 127.0.0.1 or ::1 only.")
        }
    }
}
