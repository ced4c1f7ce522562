import AuthShiftCore
import Dashboard
import Foundation
import OpenIDConnect

/// Team mode's sign-in for the dashboard: Microsoft Entra ID through OpenIDConnect's `EntraSignIn`
/// (authorization code with PKCE; the ID token checked against the tenant's published keys; roles
/// from the app roles Viewer and Editor, docs/dashboard-sign-in.md). The dashboard knows only the
/// `TeamSignIn` protocol; this adapter maps the signed-in identity to its user and role.
struct EntraDashboardSignIn: TeamSignIn {
    let signIn: EntraSignIn

    /// Builds the sign-in from serve's options and fetches the tenant's discovery document and keys
    /// now, so a wrong tenant or an unreachable identity platform stops serve at start (exit 69).
    static func make(tenant: String, clientID: String, credential options: AppCredentialOptions, redirectURI: String) async throws
        -> EntraDashboardSignIn
    {
        let credential: EntraSignInConfiguration.ClientCredential
        if let certificate = try options.certificateCredential() {
            credential = certificate
        } else if let secret = try options.clientSecret() {
            credential = .clientSecret(secret)
        } else {
            throw DashboardError("--auth entra needs one credential: --certificate with --key, --pfx, or a client secret.")
        }
        let configuration = EntraSignInConfiguration(
            tenant: tenant, clientID: clientID, credential: credential, redirectURI: redirectURI, authority: options.authority)
        do {
            let signIn = try EntraSignIn(configuration: configuration)
            try await signIn.checkProvider()
            return EntraDashboardSignIn(signIn: signIn)
        } catch {
            throw DashboardError("team sign-in cannot start: \(error)", exitStatus: .unavailable)
        }
    }

    func begin() async throws -> URL { try await signIn.begin() }

    /// The person is named by their sign-in name (the token's preferred_username, unique in the
    /// tenant) with the display name beside it, as the audit trail shows them.
    func complete(code: String, state: String) async throws -> DashboardUser {
        let identity = try await signIn.complete(code: code, state: state)
        let role: DashboardUser.Role = try identity.dashboardRole() == .editor ? .editor : .viewer
        let name =
            identity.username.isEmpty
            ? identity.name : identity.name.isEmpty ? identity.username : "\(identity.name) <\(identity.username)>"
        return DashboardUser(name: name, role: role)
    }

    func refused(state: String, error: String, description: String) async -> String {
        String(describing: await signIn.authorizationFailed(state: state, error: error, description: description))
    }
}
