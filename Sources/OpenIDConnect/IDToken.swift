import Foundation
import OAuth

/// An ID token as received: a JWS in compact serialisation (RFC 7515 §7.1), its header and claims decoded
/// but nothing about it trusted yet (IDTokenValidator decides). Claim names are those of Microsoft Learn,
/// "ID token claims reference" (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference).
struct IDToken: Sendable {
    struct Header: Decodable, Sendable {
        var alg: String?
        var kid: String?
    }

    struct Claims: Decodable, Sendable {
        var iss: String?
        var aud: [String]
        var exp: Double?
        var nbf: Double?
        var iat: Double?
        var nonce: String?
        var tid: String?
        var oid: String?
        var name: String?
        var preferredUsername: String?
        var roles: [String]?

        enum CodingKeys: String, CodingKey {
            case iss, aud, exp, nbf, iat, nonce, tid, oid, name, roles
            case preferredUsername = "preferred_username"
        }

        /// `aud` is one string in Entra ID tokens; RFC 7519 §4.1.3 also allows an array.
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            iss = try c.decodeIfPresent(String.self, forKey: .iss)
            if let one = try? c.decodeIfPresent(String.self, forKey: .aud) {
                aud = [one]
            } else {
                aud = try c.decodeIfPresent([String].self, forKey: .aud) ?? []
            }
            exp = try c.decodeIfPresent(Double.self, forKey: .exp)
            nbf = try c.decodeIfPresent(Double.self, forKey: .nbf)
            iat = try c.decodeIfPresent(Double.self, forKey: .iat)
            nonce = try c.decodeIfPresent(String.self, forKey: .nonce)
            tid = try c.decodeIfPresent(String.self, forKey: .tid)
            oid = try c.decodeIfPresent(String.self, forKey: .oid)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            preferredUsername = try c.decodeIfPresent(String.self, forKey: .preferredUsername)
            roles = try c.decodeIfPresent([String].self, forKey: .roles)
        }
    }

    var header: Header
    var claims: Claims
    /// `base64url(header) "." base64url(claims)`, the bytes the signature covers.
    var signingInput: [UInt8]
    var signature: [UInt8]

    /// An ID token is far smaller than this; anything larger is not one.
    static let maximumLength = 64 * 1024

    init(compact text: String) throws(SignInError) {
        guard text.utf8.count <= Self.maximumLength else { throw .idTokenRejected(.malformed("longer than 64 KiB")) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .idTokenRejected(.malformed("\(parts.count) parts instead of 3")) }
        guard let headerBytes = Base64URL.decode(String(parts[0])), let claimBytes = Base64URL.decode(String(parts[1])),
            let signature = Base64URL.decode(String(parts[2]))
        else { throw .idTokenRejected(.malformed("a part is not base64url")) }
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(headerBytes))
            claims = try JSONDecoder().decode(Claims.self, from: Data(claimBytes))
        } catch {
            throw .idTokenRejected(.malformed("its header or claims are not the expected JSON"))
        }
        signingInput = Array("\(parts[0]).\(parts[1])".utf8)
        self.signature = signature
    }
}
