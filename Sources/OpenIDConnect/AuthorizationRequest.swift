import Foundation
import OAuth

/// The URL the browser is sent to: an OpenID Connect authorization code request with PKCE (Microsoft
/// Learn, "Microsoft identity platform and OAuth 2.0 authorization code flow",
/// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow, and "OpenID Connect on
/// the Microsoft identity platform", Send the sign-in request).
///
/// `response_mode=query`: the code and state come back on a top-level GET to the redirect URI. The
/// dashboard's cookies are SameSite=Lax, which browsers send on such a navigation but not on the
/// cross-site POST that `form_post` makes, so only `query` lets the dashboard tie the answer to the browser
/// that began. The code in the URL is single-use, short-lived and worthless without the PKCE verifier,
/// which never leaves the server; the dashboard sends no Referer.
struct AuthorizationRequest: Sendable {
    /// `openid` for an ID token, `profile` for `name` and `preferred_username`. Nothing else: the
    /// dashboard calls no API, so it asks for no API permission.
    static let scope = "openid profile"
    static let responseMode = "query"

    var authorizationEndpoint: String
    var clientID: String
    var redirectURI: String
    var state: String
    var nonce: String
    var codeChallenge: String

    var url: URL {
        get throws(SignInError) {
            let fields: [(String, String)] = [
                ("client_id", clientID), ("response_type", "code"), ("redirect_uri", redirectURI), ("response_mode", Self.responseMode),
                ("scope", Self.scope), ("state", state), ("nonce", nonce), ("code_challenge", codeChallenge),
                ("code_challenge_method", "S256"),
            ]
            let query = fields.map { "\(TokenRequest.formEncode($0.0))=\(TokenRequest.formEncode($0.1))" }.joined(separator: "&")
            let separator = authorizationEndpoint.contains("?") ? "&" : "?"
            guard let url = URL(string: authorizationEndpoint + separator + query) else {
                throw .providerUnavailable(url: authorizationEndpoint, reason: "the authorization endpoint is not a URL")
            }
            return url
        }
    }
}
