import AuthShiftCore
import Foundation
import OAuth

/// What team mode needs to sign people in with Microsoft Entra ID: the tenant, the app registration's
/// client ID and credential, the dashboard's redirect URI (docs/dashboard-sign-in.md describes the
/// registration). The authority is overridable so tests can point it at a loopback provider.
public struct EntraSignInConfiguration: Sendable {
    /// A client secret or a certificate (a signed client assertion), as `collect graph` uses them.
    public typealias ClientCredential = TokenRequest.Credential

    public static let defaultAuthority = TokenRequest.defaultAuthority
    /// The aliases that accept users of any tenant. Team mode serves one tenant: with an alias, another
    /// tenant's admin could assign themselves Editor on their own copy of the app and sign in.
    public static let multiTenantAliases: Set<String> = ["common", "organizations", "consumers"]

    /// A tenant ID (GUID) or a verified domain (contoso.onmicrosoft.com).
    public var tenant: String
    public var clientID: String
    public var credential: ClientCredential
    /// The dashboard's callback, exactly as registered under Authentication > Web.
    public var redirectURI: String
    public var authority: String
    /// Tolerance for clock differences when checking exp, nbf and iat.
    public var clockSkew: TimeInterval
    /// How long a begun sign-in waits for the browser to come back.
    public var pendingLifetime: TimeInterval
    /// At most this many begun sign-ins are remembered; beyond it the oldest is forgotten.
    public var maximumPending: Int
    /// The signing keys are fetched again for an unknown `kid` at most once in this interval, so tokens
    /// naming made-up keys cannot make authshift hammer the tenant's jwks_uri.
    public var keyRefetchInterval: TimeInterval
    /// Cached discovery document and keys are refreshed after this long even when every kid is known.
    public var metadataLifetime: TimeInterval

    public init(
        tenant: String, clientID: String, credential: ClientCredential, redirectURI: String, authority: String = defaultAuthority,
        clockSkew: TimeInterval = 300, pendingLifetime: TimeInterval = 600, maximumPending: Int = 10_000,
        keyRefetchInterval: TimeInterval = 300, metadataLifetime: TimeInterval = 86_400
    ) {
        self.tenant = tenant
        self.clientID = clientID
        self.credential = credential
        self.redirectURI = redirectURI
        self.authority = authority
        self.clockSkew = clockSkew
        self.pendingLifetime = pendingLifetime
        self.maximumPending = maximumPending
        self.keyRefetchInterval = keyRefetchInterval
        self.metadataLifetime = metadataLifetime
    }

    /// A client secret from an environment variable (`--client-secret-env NAME`), so it never appears on a
    /// command line or in a process listing.
    public static func clientSecret(fromEnvironment name: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(SignInError) -> ClientCredential
    {
        guard let value = environment[name], !value.isEmpty else {
            throw .invalidConfiguration("the environment variable \(name) holds no client secret")
        }
        return .clientSecret(Secret(value))
    }

    /// The tenant when it is a GUID (then the token's `tid` must equal it), nil for a domain name.
    var tenantID: String? {
        UUID(uuidString: tenant) == nil ? nil : tenant.lowercased()
    }

    /// `{authority}/{tenant}/v2.0/.well-known/openid-configuration` (Microsoft Learn, "OpenID Connect on
    /// the Microsoft identity platform", Find your app's OpenID configuration document URI).
    var discoveryURL: String {
        var base = authority
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/\(tenant)/v2.0/.well-known/openid-configuration"
    }

    /// A tenant ID (GUID) or a domain name: letters, digits, hyphens and dots only, so the tenant
    /// cannot change the path of the discovery URL it is placed in.
    static func isTenantName(_ text: String) -> Bool {
        if UUID(uuidString: text) != nil { return true }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return !labels.isEmpty
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }
            }
    }

    /// Refuses what cannot work or would be unsafe, before anyone tries to sign in.
    func validate() throws(SignInError) {
        if tenant.isEmpty || Self.multiTenantAliases.contains(tenant.lowercased()) || !Self.isTenantName(tenant) {
            throw .invalidConfiguration("--tenant must be this organisation's tenant ID or domain, not '\(tenant)'")
        }
        // The client ID goes into the authorization URL's query: a GUID as Entra ID issues them.
        if clientID.isEmpty { throw .invalidConfiguration("the client ID is empty") }
        if UUID(uuidString: clientID) == nil && !Self.isTenantName(clientID) {
            throw .invalidConfiguration("the client ID must be the app registration's Application (client) ID, not '\(clientID)'")
        }
        if case .clientSecret(let secret) = credential, secret.isEmpty { throw .invalidConfiguration("the client secret is empty") }
        guard let redirect = URL(string: redirectURI), let host = redirect.host, let scheme = redirect.scheme?.lowercased(),
            scheme == "https" || (scheme == "http" && Loopback.contains(host))
        else {
            throw .invalidConfiguration("the redirect URI \(redirectURI) must be https (http only on localhost)")
        }
        if maximumPending < 1 || pendingLifetime <= 0 { throw .invalidConfiguration("pending sign-ins need a positive cap and lifetime") }
    }
}
