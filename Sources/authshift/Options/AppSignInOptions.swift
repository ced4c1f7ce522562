import ArgumentParser
import AuthShiftCore
import OAuth

/// The app-only sign-in of the `collect` commands: tenant, client ID and one credential
/// (`AppCredentialOptions`), turned into the OAuth module's `TokenRequest`.
struct AppSignInOptions: ParsableArguments {
    @Option(help: "Tenant ID or primary domain.")
    var tenant: String
    @Option(name: .customLong("client-id"), help: "The app registration's application (client) ID.")
    var clientID: String
    @OptionGroup var credential: AppCredentialOptions

    static let credentialMissing = "Give a credential: --certificate with --key, --pfx, or --client-secret-env / --client-secret-file."

    func validate() throws {
        if credential.given == 0 {
            throw ValidationError(Self.credentialMissing)
        }
    }

    /// The token request for `scope`; an unreadable certificate or key exits with 66.
    func tokenRequest(scope: String) throws -> TokenRequest {
        guard let found = try credential.tokenCredential() else {
            throw ValidationError(Self.credentialMissing)
        }
        return TokenRequest(authority: credential.authority, tenant: tenant, clientID: clientID, scope: scope, credential: found)
    }
}
