import AuthShiftCore
import Foundation

/// The signed JWT a confidential client presents instead of a secret (RFC 7523, Microsoft Learn
/// "Microsoft identity platform application authentication certificate credentials").
///
/// The current Microsoft document (ms.date 01/04/2025) says `alg` "Should be PS256" with
/// `x5t#S256`, the SHA-256 thumbprint; its earlier version, and the client-credentials sample,
/// use RS256 with `x5t`, the SHA-1 thumbprint. Both are in use, so both are offered and PS256 is
/// the default. `exp` is at most ten minutes after `nbf` ("5-10 minutes after nbf at most").
public struct ClientAssertion: Sendable {
    public enum Algorithm: String, Sendable, CaseIterable, Codable {
        case ps256 = "PS256"
        case rs256 = "RS256"
    }

    public static let maximumLifetime: TimeInterval = 600

    public var clientID: String
    /// The token endpoint URL, the `aud` claim.
    public var audience: String
    public var algorithm: Algorithm
    public var issuedAt: Date
    public var lifetime: TimeInterval
    public var jwtID: String

    public init(
        clientID: String, audience: String, algorithm: Algorithm = .ps256, issuedAt: Date = Date(),
        lifetime: TimeInterval = maximumLifetime, jwtID: String = UUID().uuidString.lowercased()
    ) {
        self.clientID = clientID
        self.audience = audience
        self.algorithm = algorithm
        self.issuedAt = issuedAt
        self.lifetime = min(lifetime, Self.maximumLifetime)
        self.jwtID = jwtID
    }

    struct Header: Encodable {
        let alg: String
        let typ = "JWT"
        let x5t: String?
        let x5tS256: String?
        enum CodingKeys: String, CodingKey {
            case alg, typ, x5t
            case x5tS256 = "x5t#S256"
        }
    }

    struct Claims: Encodable {
        let aud: String
        let iss: String
        let sub: String
        let jti: String
        let nbf: Int
        let iat: Int
        let exp: Int
    }

    /// `header.claims.signature`, each base64url.
    public func signed(with certificate: SigningCertificate) throws -> Secret {
        let header = Header(
            alg: algorithm.rawValue,
            x5t: algorithm == .rs256 ? certificate.sha1Thumbprint : nil,
            x5tS256: algorithm == .ps256 ? certificate.sha256Thumbprint : nil
        )
        let now = Int(issuedAt.timeIntervalSince1970)
        let claims = Claims(aud: audience, iss: clientID, sub: clientID, jti: jwtID, nbf: now, iat: now, exp: now + Int(lifetime))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let signingInput = Base64URL.encode(try encoder.encode(header)) + "." + Base64URL.encode(try encoder.encode(claims))
        let signature = try certificate.sign(Array(signingInput.utf8), algorithm: algorithm)
        return Secret(signingInput + "." + Base64URL.encode(signature))
    }
}
