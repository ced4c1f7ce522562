import Foundation
import TestSupport

/// An OpenID Connect provider written for these tests, shaped like Entra ID's v2.0 endpoints: HTTPS on
/// 127.0.0.1 at a port the system picks (TestSupport's LoopbackHTTPServer with the fixture server.pem,
/// signed by the test CA), a discovery
/// document, a JWK Set of its own RSA keys, an authorization endpoint that "signs the user in" at once and
/// redirects with a code, and a token endpoint that checks the code, the redirect URI, the client's
/// credential and the PKCE verifier before minting an ID token (LoopbackProvider+Tokens.swift).
final class LoopbackProvider: @unchecked Sendable {
    static let tenantID = "6f1c2c5e-8d5b-4a51-9a7e-3c2d1b0a9f8e"
    static let clientID = "0d7e4b8a-1c2f-4e3d-9b5a-6c7d8e9f0a1b"
    static let clientSecret = "test-client-secret~value"

    /// What the token endpoint puts in the next ID token; tests change it to forge bad tokens.
    struct TokenPlan {
        var header: [String: Any]
        var claims: [String: Any]
        /// The key that signs; nil signs nothing (an empty signature, as `alg: none` tokens have).
        var signer: ProviderKey?
    }

    struct Grant {
        var clientID: String
        var redirectURI: String
        var nonce: String
        var codeChallenge: String
        var redeemed = false
    }

    typealias Reply = LoopbackHTTPServer.Reply

    let lock = NSLock()
    private var server: LoopbackHTTPServer?
    /// Published in the JWK Set.
    var published: [ProviderKey]
    /// Signs the ID tokens.
    var current: ProviderKey
    var grants: [String: Grant] = [:]
    var roles: [String] = ["Viewer"]
    var edit: @Sendable (inout TokenPlan) -> Void = { _ in }
    /// When set, the token endpoint answers with the first ID token it ever minted (a replay).
    var replayFirstToken = false
    var minted: [String] = []
    var jwksFetches = 0
    /// Verifies certificate client assertions; nil expects the client secret.
    var assertionKey: AssertionVerifier?

    init() throws {
        current = try ProviderKey(kid: "key-1")
        published = [current]
    }

    var base: String { server?.base ?? "" }
    var issuer: String { "\(base)/\(Self.tenantID)/v2.0" }
    var tokenEndpoint: String { "\(base)/\(Self.tenantID)/oauth2/v2.0/token" }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Publishes a new key and signs with it from now on; with `dropOld` the old key leaves the JWK Set.
    func rotate(dropOld: Bool = true) throws {
        let next = try ProviderKey(kid: "key-\(locked { published.count } + 1)")
        locked {
            published = (dropOld ? [] : published) + [next]
            current = next
        }
    }

    func start() async throws {
        let server = LoopbackHTTPServer(tls: try LoopbackHTTPServer.fixtureTLS()) { [unowned self] request in
            answer(method: request.method, path: request.path, query: Form.decode(request.query), form: Form.decode(request.body))
        }
        try await server.start()
        self.server = server
    }

    func stop() async { await server?.stop() }

    /// Routes one request (path without the query, the query or form fields).
    func answer(method: String, path: String, query: [String: String], form: [String: String]) -> Reply {
        let prefix = "/\(Self.tenantID)"
        switch (method, path) {
        case ("GET", prefix + "/v2.0/.well-known/openid-configuration"):
            return .object([
                "issuer": issuer, "authorization_endpoint": "\(base)\(prefix)/oauth2/v2.0/authorize", "token_endpoint": tokenEndpoint,
                "jwks_uri": "\(base)\(prefix)/discovery/v2.0/keys", "response_modes_supported": ["query", "fragment", "form_post"],
                "id_token_signing_alg_values_supported": ["RS256"],
            ])
        case ("GET", prefix + "/discovery/v2.0/keys"):
            return locked {
                jwksFetches += 1
                return .object(["keys": published.map(\.jwk)])
            }
        case ("GET", prefix + "/oauth2/v2.0/authorize"):
            return authorize(query)
        case ("POST", prefix + "/oauth2/v2.0/token"):
            return token(form)
        default:
            return .object(["error": "not_found"], status: 404)
        }
    }

    private func authorize(_ query: [String: String]) -> Reply {
        guard query["response_type"] == "code", query["code_challenge_method"] == "S256", let challenge = query["code_challenge"],
            let nonce = query["nonce"], let state = query["state"], let redirect = query["redirect_uri"], let client = query["client_id"]
        else { return .object(["error": "invalid_request"], status: 400) }
        let code = "code-" + UUID().uuidString
        locked { grants[code] = Grant(clientID: client, redirectURI: redirect, nonce: nonce, codeChallenge: challenge) }
        let location = "\(redirect)?code=\(code)&state=\(state.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        return .answer(status: 302, headers: [("Location", location)], body: "")
    }
}

/// application/x-www-form-urlencoded and query strings, decoded.
enum Form {
    static func decode(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ") }
            let name = parts[0].removingPercentEncoding ?? parts[0]
            fields[name] = parts.count > 1 ? (parts[1].removingPercentEncoding ?? parts[1]) : ""
        }
        return fields
    }
}

extension LoopbackHTTPServer.Reply {
    /// A JSON object as the answer.
    static func object(_ object: Any, status: Int = 200) -> Self {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return .json(String(decoding: data, as: UTF8.self), status: status)
    }

    /// An Entra-style token endpoint error (RFC 6749 §5.2 with AADSTS codes).
    static func error(_ error: String, code: Int, _ description: String) -> Self {
        .object(
            ["error": error, "error_description": "AADSTS\(code): \(description)\r\nTrace ID: 00000000", "error_codes": [code]], status: 400
        )
    }
}
