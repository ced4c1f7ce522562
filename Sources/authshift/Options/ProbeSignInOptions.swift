import ArgumentParser
import AuthShiftCore
import OAuth
import SMTPClient

/// Who `probe` signs in as: a mailbox with a password (Basic), or an app with its own credential
/// (`AppCredentialOptions`, as `collect` takes it) for an XOAUTH2 token or the ACS user name.
struct ProbeSignInOptions: ParsableArguments {
    @Option(help: "Authentication: none, plain, login or xoauth2 (default: xoauth2 with --client-id, login with a password, else none).")
    var auth: ProbeRequest.Mechanism?
    @Flag(
        name: .customLong("initial-response"),
        help: "Send the first SASL response on the AUTH line (AUTH XOAUTH2 <base64>, as Microsoft's page writes it) instead of after a 334."
    )
    var initialResponse = false
    @Option(help: "The mailbox to authenticate as (the SMTP AUTH user name, or user= in XOAUTH2).")
    var user: String?
    @Option(name: .customLong("password-env"), help: "Environment variable holding the password.")
    var passwordEnv: String?
    @Option(name: .customLong("password-file"), help: "File holding the password.")
    var passwordFile: String?
    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.")
    var passwordStdin = false

    @Option(help: "Tenant ID or primary domain, for the OAuth token (and the ACS user name).")
    var tenant: String?
    @Option(name: .customLong("client-id"), help: "The app registration's application (client) ID.")
    var clientID: String?
    @OptionGroup var app: AppCredentialOptions
    @Option(help: "Token scope.")
    var scope: String = TokenRequest.smtpScope
    @Option(
        name: .customLong("acs-resource"), help: "Azure Communication Services resource name (--target acs builds resource|appId|tenantId)."
    )
    var acsResource: String?

    /// These options in `request`; secrets and certificates are read when the probe uses them.
    func fill(_ request: inout ProbeRequest) {
        request.mechanism = auth
        request.initialResponse = initialResponse
        request.user = user
        if passwordEnv != nil || passwordFile != nil || passwordStdin {
            request.password = .init { [passwordEnv, passwordFile, passwordStdin] in
                try Self.given(SecretInput.read(env: passwordEnv, file: passwordFile, stdin: passwordStdin, what: "password"))
            }
        }
        if app.hasClientSecret { request.clientSecret = .init { [app] in try Self.given(app.clientSecret()) } }
        if app.hasCertificate { request.certificate = .init { [app] in try Self.given(app.certificateCredential()) } }
        request.tenant = tenant
        request.clientID = clientID
        request.authority = app.authority
        request.scope = scope
        request.acsResource = acsResource
    }

    /// A value read from an option that was given (reading one returns nil only when none was).
    private static func given<Value>(_ value: Value?) throws -> Value {
        guard let value else { throw ValidationError("An option given is missing its value.") }
        return value
    }
}

extension ProbeRequest.Mechanism: ExpressibleByArgument {}
