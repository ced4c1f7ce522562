import AuthShiftCore
import Crypto
import Foundation
import TestSupport
import Testing
import Transport
import _CryptoExtras

@testable import OAuth

@Suite struct ClientAssertionTests {
    let certificate: SigningCertificate

    init() throws {
        certificate = try SigningCertificate(certificatePEM: Fixture.path("app.pem"), keyPEM: Fixture.path("app-key.pem"))
    }

    struct Decoded {
        let header: [String: Any]
        let claims: [String: Any]
        let signingInput: [UInt8]
        let signature: [UInt8]
    }

    func decode(_ jwt: String) throws -> Decoded {
        let parts = jwt.split(separator: ".").map(String.init)
        try #require(parts.count == 3)
        let header = try JSONSerialization.jsonObject(with: Data(try #require(Base64URL.decode(parts[0])))) as! [String: Any]
        let claims = try JSONSerialization.jsonObject(with: Data(try #require(Base64URL.decode(parts[1])))) as! [String: Any]
        return Decoded(
            header: header, claims: claims, signingInput: Array("\(parts[0]).\(parts[1])".utf8),
            signature: try #require(Base64URL.decode(parts[2])))
    }

    func publicKey() throws -> _RSA.Signing.PublicKey {
        try _RSA.Signing.PrivateKey(pemRepresentation: String(contentsOfFile: Fixture.path("app-key.pem"), encoding: .utf8)).publicKey
    }

    @Test func ps256AssertionVerifiesWithPSSAndCarriesTheSHA256Thumbprint() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let jwt = try ClientAssertion(
            clientID: "11111111-2222-3333-4444-555555555555", audience: "https://login.example/t/oauth2/v2.0/token", issuedAt: now,
            jwtID: "jti-1"
        )
        .signed(with: certificate).reveal()
        let d = try decode(jwt)
        #expect(d.header["alg"] as? String == "PS256")
        #expect(d.header["typ"] as? String == "JWT")
        #expect(d.header["x5t"] == nil)
        let der = certificate.certificateDER
        #expect(d.header["x5t#S256"] as? String == Base64URL.encode(SHA256.hash(data: der)))
        #expect(d.claims["aud"] as? String == "https://login.example/t/oauth2/v2.0/token")
        #expect(d.claims["iss"] as? String == "11111111-2222-3333-4444-555555555555")
        #expect(d.claims["sub"] as? String == "11111111-2222-3333-4444-555555555555")
        #expect(d.claims["jti"] as? String == "jti-1")
        #expect(d.claims["nbf"] as? Int == 1_800_000_000)
        #expect(d.claims["iat"] as? Int == 1_800_000_000)
        #expect(d.claims["exp"] as? Int == 1_800_000_600)
        let signature = _RSA.Signing.RSASignature(rawRepresentation: d.signature)
        #expect(try publicKey().isValidSignature(signature, for: SHA256.hash(data: d.signingInput), padding: .PSS))
        #expect(try !publicKey().isValidSignature(signature, for: SHA256.hash(data: d.signingInput), padding: .insecurePKCS1v1_5))
    }

    @Test func rs256AssertionVerifiesWithPKCS1AndCarriesTheSHA1Thumbprint() throws {
        let jwt = try ClientAssertion(clientID: "c", audience: "a", algorithm: .rs256).signed(with: certificate).reveal()
        let d = try decode(jwt)
        #expect(d.header["alg"] as? String == "RS256")
        #expect(d.header["x5t"] as? String == Base64URL.encode(Insecure.SHA1.hash(data: certificate.certificateDER)))
        #expect(d.header["x5t#S256"] == nil)
        let signature = _RSA.Signing.RSASignature(rawRepresentation: d.signature)
        #expect(try publicKey().isValidSignature(signature, for: SHA256.hash(data: d.signingInput), padding: .insecurePKCS1v1_5))
    }

    @Test func lifetimeIsCappedAtTenMinutes() throws {
        let d = try decode(try ClientAssertion(clientID: "c", audience: "a", lifetime: 3600).signed(with: certificate).reveal())
        #expect((d.claims["exp"] as! Int) - (d.claims["nbf"] as! Int) == 600)
    }

    @Test(arguments: ["app.pfx", "app-legacy-rc2.pfx", "app-3des.pfx"])
    func pfxFilesOfEveryEraLoad(file: String) throws {
        // AES-256 (OpenSSL 3 default), RC2-40 with 3DES (older Windows exports), 3DES only.
        let pfx = try SigningCertificate(pfx: Fixture.path(file), passphrase: Secret("fixture-pass"))
        #expect(pfx.certificateDER == certificate.certificateDER)
    }

    @Test func pfxAndEncryptedPKCS8GiveTheSameCertificate() throws {
        let pfx = try SigningCertificate(pfx: Fixture.path("app.pfx"), passphrase: Secret("fixture-pass"))
        #expect(pfx.certificateDER == certificate.certificateDER)
        let encrypted = try SigningCertificate(
            certificatePEM: Fixture.path("app.pem"), keyPEM: Fixture.path("app-pkcs8-encrypted.pem"), keyPassphrase: Secret("fixture-pass"))
        #expect(encrypted.sha256Thumbprint == certificate.sha256Thumbprint)
        #expect(certificate.thumbprintHex.count == 40)
    }

    @Test func wrongPasswordsAndForeignKeysAreClearErrors() {
        #expect(throws: OAuthError.self) { try SigningCertificate(pfx: Fixture.path("app.pfx"), passphrase: Secret("wrong")) }
        #expect(throws: OAuthError.keyDoesNotMatchCertificate(certificate: Fixture.path("app.pem"), key: Fixture.path("other-key.pem"))) {
            try SigningCertificate(certificatePEM: Fixture.path("app.pem"), keyPEM: Fixture.path("other-key.pem"))
        }
        #expect(throws: OAuthError.self) {
            try SigningCertificate(certificatePEM: Fixture.path("missing.pem"), keyPEM: Fixture.path("app-key.pem"))
        }
    }

    @Test func tokenRequestBodyIsFormEncodedAndCarriesTheAssertion() throws {
        let request = TokenRequest(
            authority: "http://127.0.0.1:9/", tenant: "contoso.onmicrosoft.com", clientID: "cid",
            credential: .certificate(certificate, .ps256))
        #expect(request.tokenURL == "http://127.0.0.1:9/contoso.onmicrosoft.com/oauth2/v2.0/token")
        let body = try request.body().reveal()
        #expect(body.contains("scope=https%3A%2F%2Foutlook.office365.com%2F.default"))
        #expect(body.contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"))
        #expect(body.contains("grant_type=client_credentials"))
        #expect("\(try request.body())" == "********")
    }

    @Test func tokenResponsesAndErrorsAreRead() throws {
        let ok = HTTPSPost.Response(
            status: 200, headers: [], body: Array(#"{"token_type":"Bearer","expires_in":3599,"access_token":"abc.def"}"#.utf8))
        let token = try TokenClient.parse(ok)
        #expect(token.value.reveal() == "abc.def")
        #expect(token.expiresIn == 3599)
        let bad = HTTPSPost.Response(
            status: 400, headers: [],
            body: Array(
                #"{"error":"invalid_client","error_description":"AADSTS700027: Client assertion contains an invalid signature.","error_codes":[700027]}"#
                    .utf8))
        #expect(throws: OAuthError.self) { try TokenClient.parse(bad) }
        do { _ = try TokenClient.parse(bad) } catch {
            #expect(error.advice?.contains("upload this certificate") == true)
        }
    }
}
