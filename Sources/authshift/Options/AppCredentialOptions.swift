import ArgumentParser
import AuthShiftCore
import OAuth

/// An app registration's credential for the app-only sign-in of `collect` and `probe`: a PEM
/// certificate and key, a PFX, or a client secret from an environment variable or a file. One
/// group, so both commands accept the same options with the same checks. Secrets are never taken
/// on the command line; they are read only when the credential is used.
struct AppCredentialOptions: ParsableArguments, Sendable {
    enum JWTAlgorithm: String, ExpressibleByArgument, CaseIterable { case ps256, rs256 }

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
        if given > 1 { throw ValidationError("Give one credential: --certificate with --key, --pfx, or a client secret.") }
    }

    /// How many credentials were given (a certificate, a PFX, a client secret).
    var given: Int { [certificate != nil, pfx != nil, hasClientSecret].filter { $0 }.count }
    var hasClientSecret: Bool { clientSecretEnv != nil || clientSecretFile != nil }
    var hasCertificate: Bool { certificate != nil || pfx != nil }

    /// The client secret, nil when none was given.
    func clientSecret() throws -> Secret? {
        try SecretInput.read(env: clientSecretEnv, file: clientSecretFile, what: "client secret")
    }

    /// The credential given: the certificate (PFX or PEM) when there is one, else the client secret;
    /// nil when neither was given.
    func tokenCredential() throws -> TokenRequest.Credential? {
        if let certificate = try certificateCredential() { return certificate }
        return try clientSecret().map { .clientSecret($0) }
    }

    /// The PFX or PEM certificate credential, nil when neither was given; an unreadable
    /// certificate or key exits with 66.
    func certificateCredential() throws -> TokenRequest.Credential? {
        let algorithm: ClientAssertion.Algorithm = jwtAlgorithm == .ps256 ? .ps256 : .rs256
        do {
            if let pfx {
                let passphrase = try SecretInput.read(env: pfxPasswordEnv, file: nil, what: "PFX password")
                return .certificate(try SigningCertificate(pfx: pfx, passphrase: passphrase), algorithm)
            }
            if let certificate, let key {
                let passphrase = try SecretInput.read(env: keyPasswordEnv, file: nil, what: "key passphrase")
                return .certificate(try SigningCertificate(certificatePEM: certificate, keyPEM: key, keyPassphrase: passphrase), algorithm)
            }
            return nil
        } catch let error as OAuthError {
            StandardError.write("error: \(error)\n")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
    }
}
