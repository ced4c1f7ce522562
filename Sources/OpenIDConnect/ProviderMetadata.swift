import Foundation

/// The four fields of the tenant's OpenID Connect discovery document that sign-in uses (OpenID Connect
/// Discovery 1.0 §3; Microsoft Learn, "OpenID Connect on the Microsoft identity platform",
/// https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc). Endpoints come from the
/// document rather than being built from the authority, as the protocol intends.
struct ProviderMetadata: Sendable, Equatable, Decodable {
    /// For Entra ID, `https://login.microsoftonline.com/{tenant ID}/v2.0`; the multi-tenant aliases
    /// publish `{tenantid}` in its place.
    var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var jwksURI: String

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
    }

    static func parse(_ body: [UInt8], url: String) throws(SignInError) -> ProviderMetadata {
        let metadata: ProviderMetadata
        do {
            metadata = try JSONDecoder().decode(ProviderMetadata.self, from: Data(body))
        } catch {
            throw .providerUnavailable(url: url, reason: "not an OpenID configuration document (\(error))")
        }
        let endpoints = [metadata.authorizationEndpoint, metadata.tokenEndpoint, metadata.jwksURI]
        for endpoint in endpoints where URL(string: endpoint)?.host == nil {
            throw .providerUnavailable(url: url, reason: "the endpoint '\(endpoint)' is not a URL")
        }
        return metadata
    }

    /// The issuer a token from tenant `tid` must carry: the published issuer, with `{tenantid}` replaced
    /// when the document has the placeholder (Microsoft Learn, "ID token claims reference", iss).
    func expectedIssuer(tenantID tid: String?) -> String {
        guard issuer.contains("{tenantid}"), let tid else { return issuer }
        return issuer.replacingOccurrences(of: "{tenantid}", with: tid)
    }
}
