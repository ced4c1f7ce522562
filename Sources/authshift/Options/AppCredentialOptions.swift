import ArgumentParser
import AuthShiftCore
import OAuth

/// The app-only sign-in of the `collect` commands: tenant, client ID and one credential (a PEM
/// certificate and key, a PFX, or a client secret from an environment variable or a file),
/// turned into the OAuth module's `TokenRequest`. Secrets are never taken on the command line.
struct AppCredentialOptions: ParsableArguments {
    enum JWTAlgorithm: String, ExpressibleByArgument, CaseIterable { case ps256, rs256 }

    @Option(help: "Tenant ID or primary domain.")
    var tenant: String
    @Option(name: .customLong("client-id"), help: "The app registration's application (client) ID.")
    var clientID: String
    @Option(help: "PEM certificate for the client assertion (with --key); the credential Microsoft advises for apps.")
    var certificate: String?
    @Option(help: "PEM private key (PKCS #1 or #8) for --certificate.")
    var key: String?
    @Option(name: .customLong("key-password-env"), help: "Environment variable holding the PEM key's passphrase.")
    var keyPasswordEnv: String?
    @Option(help: "PFX (PKCS #12) file with the certificate and key.")
    var pfx: String?
    @Option(name: .customLong("pfx-password-env"), help: "Environment variable holding the PFX password.")
    var pfxPasswordEnv: String?
    @Option(name: .customLong("client-secret-env"), help: "Environment variable holding a client secret (instead of a certificate).")
    var clientSecretEnv: String?
    @Option(name: .customLong("client-secret-file"), help: "File holding a client secret (instead of a certificate).")
    var clientSecretFile: String?
    @Option(
        name: .customLong("jwt-alg"), help: "Client assertion signature: ps256 (x5t#S256, Microsoft's current guidance) or rs256 (x5t).")
    var jwtAlgorithm: JWTAlgorithm = .ps256
    @Option(help: "Identity platform authority (a national cloud, or a loopback test endpoint).")
    var authority: String = TokenRequest.defaultAuthority

    func validate() throws {
        if certificate != nil && key == nil { throw ValidationError("--certificate needs --key.") }
        let given = [certificate != nil, pfx != nil, clientSecretEnv != nil || clientSecretFile != nil].filter { $0 }.count
        if given == 0 {
            throw ValidationError("Give a credential: --certificate with --key, --pfx, or --client-secret-env / --client-secret-file.")
        }
        if given > 1 { throw ValidationError("Give one credential: --certificate with --key, --pfx, or a client secret.") }
    }

    /// The token request for `scope`; an unreadable certificate or key exits with 66.
    func tokenRequest(scope: String) throws -> TokenRequest {
        let algorithm: ClientAssertion.Algorithm = jwtAlgorithm == .ps256 ? .ps256 : .rs256
        let credential: TokenRequest.Credential
        do {
            if let pfx {
                let passphrase = try SecretInput.read(env: pfxPasswordEnv, file: nil, what: "PFX password")
                credential = .certificate(try SigningCertificate(pfx: pfx, passphrase: passphrase), algorithm)
            } else if let certificate, let key {
                let passphrase = try SecretInput.read(env: keyPasswordEnv, file: nil, what: "key passphrase")
                credential = .certificate(
                    try SigningCertificate(certificatePEM: certificate, keyPEM: key, keyPassphrase: passphrase), algorithm)
            } else if let secret = try SecretInput.read(env: clientSecretEnv, file: clientSecretFile, what: "client secret") {
                credential = .clientSecret(secret)
            } else {
                throw ValidationError("Give a credential: --certificate with --key, --pfx, or --client-secret-env / --client-secret-file.")
            }
        } catch let error as OAuthError {
            StandardError.write("error: \(error)\n")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
        return TokenRequest(authority: authority, tenant: tenant, clientID: clientID, scope: scope, credential: credential)
    }
}
