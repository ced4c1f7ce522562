import ArgumentParser
import AuthShiftCore
import Dashboard
import Foundation
import Workspace

/// `authshift serve`: the browser dashboard and JSON API over a workspace. Thin: parses the
/// options, opens the workspace, and runs `DashboardApplication` until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "A browser dashboard over the workspace: overview, sender register, edits with an audit trail, a JSON API.",
        discussion: """
            By default it listens on 127.0.0.1:8080 and prints a one-time sign-in link (each link works once; the browser keeps a \
            session cookie). Listening beyond this machine needs team sign-in (--auth entra). Access log: one JSON line per request \
            on standard error. SIGTERM or SIGINT stops it gracefully. Exit statuses: 0 stopped; 64 bad usage (a --listen beyond \
            loopback without --auth entra, a malformed option); 66 the workspace or a TLS file is missing; 73 cannot listen.
            """
    )

    enum AuthMode: String, ExpressibleByArgument, CaseIterable {
        case none, entra
    }

    @Option(help: "The workspace folder (made by 'authshift workspace init').")
    var workspace: String

    @Option(help: "Where to listen, HOST:PORT ([::1]:PORT for IPv6; port 0 picks a free one).")
    var listen: String = "127.0.0.1:8080"

    @Option(help: "The server certificate (PEM) for HTTPS.")
    var tlsCert: String?

    @Option(help: "The server certificate's private key (PEM).")
    var tlsKey: String?

    @Option(help: "Sign-in: none (loopback only, a one-time link) or entra (team mode, Microsoft Entra ID).")
    var auth: AuthMode = .none

    @Option(help: "Team mode: the Entra tenant (ID or domain).")
    var tenant: String?

    @Option(help: "Team mode: the app registration's client ID.")
    var clientId: String?

    @Option(help: "Team mode: the environment variable holding the client secret.")
    var clientSecretEnv: String?

    @Option(help: "Team mode: the client certificate (PEM or PFX) instead of a secret.")
    var certificate: String?

    func validate() throws {
        guard let address = ListenAddress(listen) else {
            throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080, not \"\(listen)\".")
        }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together.") }
        if auth == .entra {
            guard tenant != nil, clientId != nil else { throw ValidationError("--auth entra needs --tenant and --client-id.") }
            guard (clientSecretEnv == nil) != (certificate == nil) else {
                throw ValidationError("--auth entra needs one of --client-secret-env or --certificate.")
            }
        } else if !address.isLoopback {
            throw ValidationError(
                "refusing to listen on \(address): beyond this machine the dashboard needs team sign-in (--auth entra --tenant ... "
                    + "--client-id ...); without it, listen on 127.0.0.1 or [::1] only.")
        }
    }

    func run() async throws {
        let address = ListenAddress(listen)!
        let store = try WorkspaceFailure.guarding { try SQLiteWorkspaceStore(folder: workspace) }
        let sessions = SessionStore()
        let configuration: DashboardConfiguration
        do {
            configuration = DashboardConfiguration(
                listen: address, auth: try signIn(), tls: try tlsCert.map { try DashboardTLS.load(certificate: $0, key: tlsKey!) })
        } catch let error as DashboardError {
            StandardError.write("error: \(error)\n")
            throw ExitMapping.exit(error.exitStatus)
        }
        let scheme = tlsCert == nil ? "http" : "https"
        let team = auth == .entra
        let app = try DashboardApplication.build(store: store, configuration: configuration, sessions: sessions) { port in
            let base = "\(scheme)://\(ListenAddress(host: address.host, port: port))"
            if team {
                StandardOutput.write("authshift serve: listening on \(base)/ (team sign-in)\n")
            } else {
                let token = await sessions.issueOneTimeToken()
                StandardOutput.write("authshift serve: open this link to sign in (it works once):\n  \(base)/signin?token=\(token)\n")
            }
        }
        do { try await app.runService() } catch {
            StandardError.write("error: cannot serve on \(address): \(error)\n")
            throw ExitMapping.exit(.cannotCreate)
        }
    }

    /// Loopback: the OS user, an editor. Team mode: the Entra ID OpenID Connect sign-in.
    func signIn() throws -> DashboardAuth {
        switch auth {
        case .none:
            let user = NSUserName()
            return .loopback(user: DashboardUser(name: user.isEmpty ? "unknown" : user, role: .editor))
        case .entra:
            throw DashboardError("team sign-in (--auth entra) is not part of this build yet; run without --auth on loopback.")
        }
    }
}
