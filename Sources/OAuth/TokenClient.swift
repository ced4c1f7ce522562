import AuthShiftCore
import Foundation
import NIOCore
import NIOSSL
import Transport

/// An access token, in memory only.
public struct AccessToken: Sendable {
    public let value: Secret
    public let expiresIn: Int?
}

/// Asks the token endpoint for an app-only access token.
public struct TokenClient: Sendable {
    public var http: HTTPSPost

    public init(http: HTTPSPost = HTTPSPost()) { self.http = http }

    public func token(for request: TokenRequest) async throws(OAuthError) -> AccessToken {
        let url = request.tokenURL
        guard let parsed = URL(string: url), let host = parsed.host else { throw .unsafeAuthority(url) }
        if parsed.scheme?.lowercased() != "https" && !Loopback.contains(host) { throw .unsafeAuthority(url) }
        let body: Secret
        do { body = try request.body() } catch {
            throw .credentialUnreadable(path: "certificate", reason: "could not sign the client assertion (\(error))")
        }
        let response: HTTPSPost.Response
        do {
            response = try await http.post(
                url: url,
                headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
                body: Array(body.reveal().utf8)
            )
        } catch {
            switch error {
            case .timedOut: throw .timedOut(url, seconds: Double(http.timeout.nanoseconds) / 1e9)
            case .plainHTTPNotLoopback, .invalidURL: throw .unsafeAuthority(url)
            case .connection(let reason): throw .unreachable(url, reason: reason)
            case .responseTooLarge(let n): throw .malformedResponse(status: 0, reason: "more than \(n) bytes")
            }
        }
        return try Self.parse(response)
    }

    /// Reads `{"token_type":"Bearer","expires_in":3599,"access_token":"..."}` or an error body
    /// `{"error":..., "error_description":..., "error_codes":[...]}` (Microsoft Learn,
    /// client credentials flow).
    static func parse(_ response: HTTPSPost.Response) throws(OAuthError) -> AccessToken {
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        guard let object else {
            throw .malformedResponse(status: response.status, reason: "not JSON")
        }
        if response.status == 200, let token = object["access_token"] as? String, !token.isEmpty {
            let expires = (object["expires_in"] as? Int) ?? (object["expires_in"] as? String).flatMap { Int($0) }
            return AccessToken(value: Secret(token), expiresIn: expires)
        }
        if let error = object["error"] as? String {
            let description = (object["error_description"] as? String) ?? ""
            let codes = (object["error_codes"] as? [Any])?.compactMap { ($0 as? Int) ?? ($0 as? NSNumber)?.intValue } ?? []
            // The description's first line carries the AADSTS code and reason; the trace and
            // correlation IDs that follow are kept for support cases.
            throw .rejected(status: response.status, error: error, description: description, codes: codes)
        }
        throw .malformedResponse(status: response.status, reason: "no access_token and no error")
    }
}
