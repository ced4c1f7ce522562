import AuthShiftCore
import Dashboard
import OpenIDConnect

/// Builds team mode's sign-in (`EntraTeamSignIn`) from serve's options.
enum EntraDashboardSignIn {
    /// The credential from the options `collect graph` shares; the tenant's discovery document and
    /// keys are fetched now, so a wrong tenant or an unreachable identity platform stops serve at
    /// start (exit 69) instead of at the first sign-in.
    static func make(tenant: String, clientID: String, credential options: AppCredentialOptions, redirectURI: String) async throws
        -> EntraTeamSignIn
    {
        guard let credential = try options.tokenCredential() else {
            throw DashboardError("--auth entra needs one credential: --certificate with --key, --pfx, or a client secret.")
        }
        let configuration = EntraSignInConfiguration(
            tenant: tenant, clientID: clientID, credential: credential, redirectURI: redirectURI, authority: options.authority)
        do {
            let signIn = try EntraSignIn(configuration: configuration)
            try await signIn.checkProvider()
            return EntraTeamSignIn(signIn: signIn)
        } catch {
            throw DashboardError("team sign-in cannot start: \(error)", exitStatus: .unavailable)
        }
    }
}
