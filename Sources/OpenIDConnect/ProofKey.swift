import Crypto
import Foundation
import OAuth

/// Random values of a sign-in: `state`, `nonce` and the PKCE code verifier, each 32 bytes from the system's
/// cryptographically secure generator (`SystemRandomNumberGenerator`: getrandom on Linux), base64url,
/// 43 characters, within RFC 7636 §4.1's 43 to 128.
enum ProofKey {
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// `BASE64URL(SHA256(ASCII(code_verifier)))`, the S256 code challenge (RFC 7636 §4.2).
    static func challenge(for verifier: String) -> String {
        Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
    }
}
