import Foundation
import OAuth
import _CryptoExtras

/// The tenant's published token-signing keys (the JWK Set at `jwks_uri`, RFC 7517 §5), by key ID. Only
/// RSA keys meant for signatures are kept: Entra ID signs ID tokens with RS256 (Microsoft Learn, "ID token
/// claims reference": header `alg`, `kid`).
struct SigningKeySet: Sendable {
    private var keys: [String: _RSA.Signing.PublicKey]

    init(keys: [String: _RSA.Signing.PublicKey]) { self.keys = keys }

    subscript(kid: String) -> _RSA.Signing.PublicKey? { keys[kid] }
    var keyIDs: [String] { keys.keys.sorted() }

    private struct Document: Decodable {
        struct Key: Decodable {
            var kty: String?
            var use: String?
            var kid: String?
            var n: String?
            var e: String?
        }
        var keys: [Key]
    }

    /// Reads a JWK Set. Keys of another type, for encryption, without a kid, or with a modulus the RSA
    /// implementation refuses (under 2048 bits) are skipped; a set with no usable key is an error.
    static func parse(_ body: [UInt8], url: String) throws(SignInError) -> SigningKeySet {
        let document: Document
        do { document = try JSONDecoder().decode(Document.self, from: Data(body)) } catch {
            throw .providerUnavailable(url: url, reason: "not a JWK Set (\(error))")
        }
        var keys: [String: _RSA.Signing.PublicKey] = [:]
        for key in document.keys where key.kty == "RSA" && (key.use == nil || key.use == "sig") {
            guard let kid = key.kid, let n = key.n.flatMap(Base64URL.decode), let e = key.e.flatMap(Base64URL.decode),
                let publicKey = try? _RSA.Signing.PublicKey(n: n, e: e)
            else { continue }
            keys[kid] = publicKey
        }
        if keys.isEmpty { throw .providerUnavailable(url: url, reason: "the JWK Set holds no RSA signing key") }
        return SigningKeySet(keys: keys)
    }
}
