/// Why no token was obtained, in words an identity admin can act on. Never carries a secret.
public enum OAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A certificate, key or PFX file that cannot be read or parsed.
    case credentialUnreadable(path: String, reason: String)
    /// The private key is not the certificate's key.
    case keyDoesNotMatchCertificate(certificate: String, key: String)
    /// An authority URL authshift will not send a secret to.
    case unsafeAuthority(String)
    /// The token endpoint could not be reached.
    case unreachable(String, reason: String)
    /// The token endpoint did not answer in time.
    case timedOut(String, seconds: Double)
    /// The token endpoint answered with an error (`error`, `error_description`, AADSTS codes).
    case rejected(status: Int, error: String, description: String, codes: [Int])
    /// The answer was not a token response.
    case malformedResponse(status: Int, reason: String)

    public var description: String {
        switch self {
        case .credentialUnreadable(let path, let reason): return "\(path): \(reason)"
        case .keyDoesNotMatchCertificate(let cert, let key):
            return "the private key in \(key) does not belong to the certificate in \(cert)"
        case .unsafeAuthority(let url):
            return "\(url): the token endpoint must use https (plain http is allowed for loopback test servers only)"
        case .unreachable(let url, let reason): return "could not reach the token endpoint \(url): \(reason)"
        case .timedOut(let url, let seconds): return "the token endpoint \(url) did not answer within \(Int(seconds)) s"
        case .rejected(let status, let error, let description, _):
            return "the token endpoint refused (HTTP \(status), \(error)): \(description)"
        case .malformedResponse(let status, let reason):
            return "the token endpoint's answer (HTTP \(status)) is not a token response: \(reason)"
        }
    }

    /// What to do about an AADSTS code, for the codes a client-credentials request commonly
    /// gets. Source: Microsoft Learn, "Microsoft Entra authentication and authorization error codes".
    public var advice: String? {
        guard case .rejected(_, _, _, let codes) = self, let code = codes.first else { return nil }
        switch code {
        case 700016:
            return "The application (client ID) is not in this tenant: check --client-id and --tenant, and that an admin consented."
        case 7_000_215: return "The client secret is wrong: use the secret's Value, not its ID, and check it has not expired."
        case 7_000_222: return "The client secret has expired: create a new one in the app registration."
        case 700027:
            return
                "The client assertion's signature did not verify: upload this certificate (its public part) to the app registration, or check --jwt-alg."
        case 700024: return "The client assertion is outside its valid time: check this machine's clock."
        case 70011: return "The scope is invalid: app-only SMTP needs https://outlook.office365.com/.default."
        case 90002: return "The tenant was not found: check --tenant (a GUID or the .onmicrosoft.com domain)."
        case 7_000_112: return "The application is disabled in this tenant."
        default: return nil
        }
    }
}
