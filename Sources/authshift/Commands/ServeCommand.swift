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
            loopback without --auth entra, a malformed option); 66 the workspace, a TLS file or the credential is missing; 69 team sign-in cannot reach the tenant's \
            sign-in configuration; 73 cannot listen.
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

    @Option(
        help: ArgumentHelp(
            "Team mode: the address people open, as registered in the app's Web redirect URI without /signin/callback "
                + "(default: from --listen and TLS).", valueName: "url"))
    var publicUrl: String?

    /// Team mode's app credential: the same options and checks as `collect graph` (a certificate is
    /// what Microsoft advises; a client secret from an environment variable or a file).
    @OptionGroup(title: "Team mode credential")
    var credential: AppCredentialOptions

    func validate() throws {
        guard let address = ListenAddress(listen) else {
            throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080, not \"\(listen)\".")
        }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together.") }
        if auth == .entra {
            guard tenant != nil, clientId != nil else { throw ValidationError("--auth entra needs --tenant and --client-id.") }
            guard credential.given == 1 else {
                throw ValidationError("--auth entra needs one credential: --certificate with --key, --pfx, or a client secret.")
            }
            if !address.isLoopback && tlsCert == nil && !publicURLIsHTTPS {
                throw ValidationError(
                    "--auth entra beyond this machine needs HTTPS: --tls-cert and --tls-key, or an https --public-url with a TLS "
                        + "proxy in front (sign-in cookies must not cross the network in clear).")
            }
            if publicUrl == nil && address.isUnspecified {
                throw ValidationError("--auth entra listening on \(address) needs --public-url: the address people open.")
            }
        } else if tenant != nil || clientId != nil || publicUrl != nil || credential.given > 0 {
            throw ValidationError("--tenant, --client-id, --public-url and the credential options apply only with --auth entra.")
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
        var configuration: DashboardConfiguration
        do {
            configuration = DashboardConfiguration(
                listen: address, auth: try await signIn(), tls: try tlsCert.map { try DashboardTLS.load(certificate: $0, key: tlsKey!) })
            configuration.behindTLSProxy = publicURLIsHTTPS
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

    /// People reach the dashboard over HTTPS at --public-url (a TLS proxy in front of it).
    var publicURLIsHTTPS: Bool { publicUrl?.lowercased().hasPrefix("https://") ?? false }

    /// The callback registered with the app: --public-url, or this server's own address.
    var redirectURI: String {
        var base = publicUrl ?? "\(tlsCert == nil ? "http" : "https")://\(ListenAddress(listen)!)"
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/signin/callback"
    }

    /// Loopback: the OS user, an editor. Team mode: the Entra ID OpenID Connect sign-in.
    func signIn() async throws -> DashboardAuth {
        switch auth {
        case .none:
            let user = NSUserName()
            return .loopback(user: DashboardUser(name: user.isEmpty ? "unknown" : user, role: .editor))
        case .entra:
            return .team(
                try await EntraDashboardSignIn.make(tenant: tenant!, clientID: clientId!, credential: credential, redirectURI: redirectURI))
        }
    }
}
