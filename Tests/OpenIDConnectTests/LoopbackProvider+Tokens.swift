import Crypto
import Foundation
import OAuth
import _CryptoExtras

/// One of the provider's RSA signing keys and its JWK (RFC 7517 §4, RFC 7518 §6.3.1).
struct ProviderKey: @unchecked Sendable {
    let kid: String
    let privateKey: _RSA.Signing.PrivateKey

    init(kid: String) throws {
        self.kid = kid
        privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    var jwk: [String: String] {
        let primitives = try! privateKey.publicKey.getKeyPrimitives()
        return [
            "kty": "RSA", "use": "sig", "kid": kid, "n": Base64URL.encode(primitives.modulus),
            "e": Base64URL.encode(primitives.publicExponent),
        ]
    }

    func sign(_ input: [UInt8]) -> [UInt8] {
        [UInt8](try! privateKey.signature(for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5).rawRepresentation)
    }
}

/// Checks a certificate client assertion the way the token endpoint does: signed with the app
/// registration's certificate key (PS256), for this token endpoint, by and about the client.
struct AssertionVerifier: @unchecked Sendable {
    let publicKey: _RSA.Signing.PublicKey

    func accepts(_ jwt: String, clientID: String, audience: String) -> Bool {
        let parts = jwt.split(separator: ".").map(String.init)
        guard parts.count == 3, let claimBytes = Base64URL.decode(parts[1]), let signature = Base64URL.decode(parts[2]),
            let claims = try? JSONSerialization.jsonObject(with: Data(claimBytes)) as? [String: Any]
        else { return false }
        let digest = SHA256.hash(data: Array("\(parts[0]).\(parts[1])".utf8))
        return publicKey.isValidSignature(.init(rawRepresentation: signature), for: digest, padding: .PSS)
            && claims["aud"] as? String == audience && claims["iss"] as? String == clientID && claims["sub"] as? String == clientID
    }
}

extension LoopbackProvider {
    /// The token endpoint: the authorization code grant with PKCE, as Entra ID checks it.
    func token(_ form: [String: String]) -> Reply {
        guard form["grant_type"] == "authorization_code", let code = form["code"] else {
            return .error("unsupported_grant_type", code: 70003, "The app requested an unsupported grant type.")
        }
        return locked {
            guard var grant = grants[code] else {
                return .error("invalid_grant", code: 70008, "The provided authorization code or refresh token has expired.")
            }
            if grant.redeemed { return .error("invalid_grant", code: 54005, "OAuth2 Authorization code was already redeemed.") }
            grant.redeemed = true
            grants[code] = grant
            guard form["client_id"] == grant.clientID, form["client_id"] == Self.clientID else {
                return .error("unauthorized_client", code: 700016, "Application was not found in the directory.")
            }
            if let reply = clientAuthenticationFailure(form) { return reply }
            guard form["redirect_uri"] == grant.redirectURI else {
                return .error("invalid_grant", code: 500_112, "The reply address does not match the one in the request.")
            }
            let challenge = Base64URL.encode(SHA256.hash(data: Array((form["code_verifier"] ?? "").utf8)))
            guard challenge == grant.codeChallenge else {
                return .error("invalid_grant", code: 50148, "The code_verifier does not match the code_challenge supplied.")
            }
            if replayFirstToken, let first = minted.first { return .object(["token_type": "Bearer", "id_token": first]) }
            let idToken = mint(nonce: grant.nonce)
            minted.append(idToken)
            return .object(["token_type": "Bearer", "access_token": "not-for-the-dashboard", "id_token": idToken])
        }
    }

    /// nil when the client authenticated with the expected secret or a valid assertion.
    private func clientAuthenticationFailure(_ form: [String: String]) -> Reply? {
        if let assertionKey {
            guard form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                let jwt = form["client_assertion"], assertionKey.accepts(jwt, clientID: Self.clientID, audience: tokenEndpoint)
            else { return .error("invalid_client", code: 700027, "Client assertion failed signature validation.") }
            return nil
        }
        guard form["client_secret"] == Self.clientSecret else {
            return .error("invalid_client", code: 7_000_215, "Invalid client secret provided.")
        }
        return nil
    }

    /// An ID token as Entra ID issues one, then changed by `edit`. Called with the lock held.
    private func mint(nonce: String) -> String {
        let now = Int(Date().timeIntervalSince1970)
        var plan = TokenPlan(
            header: ["typ": "JWT", "alg": "RS256", "kid": current.kid],
            claims: [
                "iss": issuer, "aud": Self.clientID, "iat": now, "nbf": now, "exp": now + 3600, "nonce": nonce, "tid": Self.tenantID,
                "oid": "a1b2c3d4-0000-4000-8000-00000000abcd", "sub": "subject-of-adele", "name": "Adele Vance",
                "preferred_username": "adele.vance@contoso.example", "roles": roles, "ver": "2.0",
            ],
            signer: current)
        edit(&plan)
        let encode = { (object: [String: Any]) in
            Base64URL.encode((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
        }
        let input = encode(plan.header) + "." + encode(plan.claims)
        return input + "." + Base64URL.encode(plan.signer?.sign(Array(input.utf8)) ?? [])
    }
}
