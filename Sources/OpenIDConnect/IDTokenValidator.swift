import Crypto
import Foundation
import _CryptoExtras

/// The checks an ID token must pass before anyone is signed in, in the order Microsoft Learn lists them
/// ("ID tokens in the Microsoft identity platform", Validate tokens; OpenID Connect Core 1.0 §3.1.3.7):
/// the algorithm and key, the signature, the issuer, the audience, the timestamps with a clock skew, the
/// nonce, and the tenant. Pure: the keys, the expected values and the time are given.
struct IDTokenValidator: Sendable {
    /// Only RS256, what Entra ID signs with. `none` would accept any forged token; HS256 would make the
    /// public key (or client secret) an HMAC key an attacker can use.
    static let acceptedAlgorithm = "RS256"

    var clientID: String
    /// The tenant GUID the token's `tid` must equal, when the configuration names one.
    var tenantID: String?
    var metadata: ProviderMetadata
    var clockSkew: TimeInterval

    /// The key ID the token names, once its algorithm is acceptable: the first thing checked, so a token
    /// with `alg: none` never reaches a key lookup.
    static func keyID(of token: IDToken) throws(SignInError) -> String {
        let alg = token.header.alg ?? "(none given)"
        guard alg == acceptedAlgorithm else { throw .idTokenRejected(.algorithm(alg)) }
        guard let kid = token.header.kid, !kid.isEmpty else { throw .idTokenRejected(.missingClaim("kid")) }
        return kid
    }

    /// Checks everything after the key lookup and returns who signed in.
    /// - Parameters:
    ///   - expectedNonce: the nonce this sign-in sent.
    ///   - usedNonces: nonces of sign-ins already completed here, so a replayed token is named as such.
    func validate(_ token: IDToken, key: _RSA.Signing.PublicKey, expectedNonce: String, usedNonces: Set<String>, now: Date)
        throws(SignInError) -> SignedInIdentity
    {
        let kid = try Self.keyID(of: token)
        let signature = _RSA.Signing.RSASignature(rawRepresentation: token.signature)
        guard key.isValidSignature(signature, for: SHA256.hash(data: token.signingInput), padding: .insecurePKCS1v1_5) else {
            throw .idTokenRejected(.signature(kid: kid))
        }
        let claims = token.claims
        let issuer = metadata.expectedIssuer(tenantID: claims.tid)
        guard let iss = claims.iss else { throw .idTokenRejected(.missingClaim("iss")) }
        guard iss == issuer else { throw .idTokenRejected(.issuer(expected: issuer, found: iss)) }
        guard claims.aud == [clientID] else { throw .idTokenRejected(.audience(expected: clientID, found: claims.aud)) }
        try checkTimes(claims, now: now)
        guard let nonce = claims.nonce else { throw .idTokenRejected(.missingClaim("nonce")) }
        if nonce != expectedNonce {
            throw .idTokenRejected(usedNonces.contains(nonce) ? .nonceReplayed : .nonceMismatch)
        }
        if let tenantID {
            guard let tid = claims.tid else { throw .idTokenRejected(.missingClaim("tid")) }
            guard tid.lowercased() == tenantID else { throw .idTokenRejected(.tenant(expected: tenantID, found: tid)) }
        }
        guard let oid = claims.oid, !oid.isEmpty else { throw .idTokenRejected(.missingClaim("oid")) }
        let username = claims.preferredUsername ?? ""
        return SignedInIdentity(name: claims.name ?? username, username: username, objectID: oid, roles: claims.roles ?? [])
    }

    /// exp is required; nbf and iat, when present, must not be in the future; each with `clockSkew`.
    private func checkTimes(_ claims: IDToken.Claims, now: Date) throws(SignInError) {
        guard let exp = claims.exp else { throw .idTokenRejected(.missingClaim("exp")) }
        let expiry = Date(timeIntervalSince1970: exp)
        if now.timeIntervalSince(expiry) > clockSkew { throw .idTokenRejected(.expired(at: expiry)) }
        if let nbf = claims.nbf, Date(timeIntervalSince1970: nbf).timeIntervalSince(now) > clockSkew {
            throw .idTokenRejected(.notYetValid(until: Date(timeIntervalSince1970: nbf)))
        }
        if let iat = claims.iat, Date(timeIntervalSince1970: iat).timeIntervalSince(now) > clockSkew {
            throw .idTokenRejected(.issuedInTheFuture(at: Date(timeIntervalSince1970: iat)))
        }
    }
}
