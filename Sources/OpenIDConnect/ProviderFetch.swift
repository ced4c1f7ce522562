import Foundation
import NIOCore
import Transport

/// GETs of the discovery document and the JWK Set, with Transport's failures in an admin's words.
enum ProviderFetch {
    static func get(_ url: String, http: HTTPSPost) async throws(SignInError) -> [UInt8] {
        let response: HTTPSPost.Response
        do {
            response = try await http.get(url: url, headers: [("Accept", "application/json")])
        } catch {
            throw .providerUnavailable(url: url, reason: text(of: error, timeout: http.timeout))
        }
        guard response.status == 200 else {
            throw .providerUnavailable(url: url, reason: "HTTP \(response.status) (is the tenant right?)")
        }
        return response.body
    }

    static func text(of error: HTTPSPost.Failure, timeout: TimeAmount) -> String {
        switch error {
        case .invalidURL(let url): return "'\(url)' is not a URL"
        case .plainHTTPNotLoopback(let url): return "\(url) is plain http; only https is allowed (http on loopback for tests)"
        case .connection(let reason): return reason
        case .timedOut: return "no answer within \(timeout.nanoseconds / 1_000_000_000) s"
        case .responseTooLarge(let limit): return "the answer is larger than \(limit) bytes"
        }
    }
}
