import AuthShiftCore
import Foundation
import OAuth
import Transport

/// Redeems the authorization code at the token endpoint: `grant_type=authorization_code` with the PKCE
/// `code_verifier`, the same `redirect_uri` and the client's own authentication (Microsoft Learn,
/// "Microsoft identity platform and OAuth 2.0 authorization code flow", Redeem a code for an access token).
/// Only the ID token of the answer is kept; the access token is for Microsoft Graph, which the dashboard
/// does not call.
struct CodeRedemption: Sendable {
    var tokenEndpoint: String
    var clientID: String
    var credential: TokenRequest.Credential
    var redirectURI: String

    /// The form body; a secret (it holds the code, the verifier and the client credential).
    func body(code: String, verifier: String, now: Date) throws(SignInError) -> Secret {
        let fields: [(String, String)] = [
            ("client_id", clientID), ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
            ("code_verifier", verifier), ("scope", AuthorizationRequest.scope),
        ]
        do {
            return TokenRequest.formBody(fields + (try credential.formFields(clientID: clientID, tokenURL: tokenEndpoint, now: now)))
        } catch {
            throw .invalidConfiguration("could not sign the client assertion with the certificate (\(error))")
        }
    }

    func redeem(code: String, verifier: String, now: Date, http: HTTPSPost) async throws(SignInError) -> String {
        let body = try body(code: code, verifier: verifier, now: now)
        let response: HTTPSPost.Response
        do {
            response = try await http.post(
                url: tokenEndpoint, headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
                body: Array(body.reveal().utf8))
        } catch {
            throw .tokenEndpointUnreachable(url: tokenEndpoint, reason: ProviderFetch.text(of: error, timeout: http.timeout))
        }
        return try Self.idToken(from: response)
    }

    private struct Answer: Decodable {
        var idToken: String?
        var error: String?
        var errorDescription: String?
        var errorCodes: [Int]?

        enum CodingKeys: String, CodingKey {
            case idToken = "id_token"
            case error
            case errorDescription = "error_description"
            case errorCodes = "error_codes"
        }
    }

    /// `{"id_token": ...}` on success, or `{"error", "error_description", "error_codes"}` (RFC 6749 §5.2,
    /// with Entra ID's AADSTS codes).
    static func idToken(from response: HTTPSPost.Response) throws(SignInError) -> String {
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(response.body)) else {
            throw .malformedTokenResponse(status: response.status, reason: "not JSON")
        }
        if response.status == 200, let token = answer.idToken, !token.isEmpty { return token }
        if let error = answer.error {
            throw .tokenEndpointRefused(
                status: response.status, error: error, description: answer.errorDescription ?? "", codes: answer.errorCodes ?? [])
        }
        throw .malformedTokenResponse(status: response.status, reason: "no id_token and no error (was openid in the scope?)")
    }
}
