import AuthShiftCore
import Foundation
import Testing

@testable import OpenIDConnect

/// What is refused before any network traffic: configurations that cannot work or would be unsafe,
/// tokens that are not JWTs, and the bounds of the pending sign-ins.
@Suite struct SignInConfigurationTests {
    static func configuration(tenant: String = "contoso.onmicrosoft.com", redirect: String = "https://dash.contoso.example/cb")
        -> EntraSignInConfiguration
    {
        EntraSignInConfiguration(tenant: tenant, clientID: "client", credential: .clientSecret(Secret("s")), redirectURI: redirect)
    }

    @Test(arguments: ["common", "Organizations", "consumers", ""]) func multiTenantAliasIsRefused(_ tenant: String) {
        #expect(throws: SignInError.invalidConfiguration("--tenant must be this organisation's tenant ID or domain, not '\(tenant)'")) {
            try Self.configuration(tenant: tenant).validate()
        }
    }

    /// A tenant is a GUID or a domain name: nothing that could change the discovery URL's path or query.
    @Test(arguments: ["x/../../evil?", "contoso.onmicrosoft.com/../x", "contoso?x=1", "con toso", "-contoso.com", "contoso..com"])
    func aTenantThatIsNotANameIsRefused(_ tenant: String) {
        #expect(throws: SignInError.invalidConfiguration("--tenant must be this organisation's tenant ID or domain, not '\(tenant)'")) {
            try Self.configuration(tenant: tenant).validate()
        }
    }

    @Test(arguments: ["http://dash.contoso.example/cb", "dash/cb", "ftp://dash/cb"]) func unsafeRedirectIsRefused(_ redirect: String) {
        #expect(throws: SignInError.self) { try Self.configuration(redirect: redirect).validate() }
    }

    @Test func loopbackHTTPRedirectAndAGUIDTenantAreAccepted() throws {
        try Self.configuration(redirect: "http://127.0.0.1:8080/auth/callback").validate()
        let guid = Self.configuration(tenant: "6F1C2C5E-8D5B-4A51-9A7E-3C2D1B0A9F8E")
        #expect(guid.tenantID == "6f1c2c5e-8d5b-4a51-9a7e-3c2d1b0a9f8e")
        #expect(Self.configuration().tenantID == nil)
        #expect(
            Self.configuration().discoveryURL
                == "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration")
    }

    @Test func clientSecretComesFromTheNamedEnvironmentVariable() throws {
        guard
            case .clientSecret(let secret) = try EntraSignInConfiguration.clientSecret(
                fromEnvironment: "DASH_SECRET", environment: ["DASH_SECRET": "v"])
        else {
            Issue.record("not a client secret")
            return
        }
        #expect(secret.reveal() == "v" && "\(secret)" == Secret.mask)
        #expect(throws: SignInError.invalidConfiguration("the environment variable DASH_SECRET holds no client secret")) {
            try EntraSignInConfiguration.clientSecret(fromEnvironment: "DASH_SECRET", environment: [:])
        }
    }

    @Test(arguments: ["", "a.b", "a.b.c.d", "!!.e30.", "e30.e30"]) func notAJWTIsMalformed(_ text: String) {
        #expect {
            try IDToken(compact: text)
        } throws: { error in
            guard case SignInError.idTokenRejected(.malformed) = error else { return false }
            return true
        }
    }

    @Test func issuerPlaceholderIsReplacedByTheTokensTenant() {
        let metadata = ProviderMetadata(
            issuer: "https://login.microsoftonline.com/{tenantid}/v2.0", authorizationEndpoint: "https://a/authorize",
            tokenEndpoint: "https://a/token", jwksURI: "https://a/keys")
        #expect(metadata.expectedIssuer(tenantID: "t-1") == "https://login.microsoftonline.com/t-1/v2.0")
    }

    @Test func pendingSignInsExpireAndForgetTheOldestPastTheCap() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var pending = PendingSignIns(lifetime: 600, capacity: 3)
        for i in 0..<5 {
            pending.insert(state: "s\(i)", entry: .init(verifier: "v\(i)", nonce: "n\(i)", created: start.addingTimeInterval(Double(i))))
        }
        #expect(pending.count == 3)
        #expect(pending.take(state: "s1", now: start) == .unknown)
        #expect(pending.take(state: "s2", now: start) == .found(.init(verifier: "v2", nonce: "n2", created: start.addingTimeInterval(2))))
        #expect(pending.take(state: "s2", now: start) == .unknown)
        #expect(pending.take(state: "s3", now: start.addingTimeInterval(700)) == .expired)
        // A new sign-in long after the others prunes the expired ones first.
        pending.insert(state: "late", entry: .init(verifier: "v", nonce: "n", created: start.addingTimeInterval(5000)))
        #expect(pending.count == 1)
    }
}

@Suite struct SignInConfigurationDescriptionTests {
    @Test func descriptionMasksTheSecret() {
        let configuration = EntraSignInConfiguration(
            tenant: "contoso.onmicrosoft.com", clientID: "client", credential: .clientSecret(Secret("s3cr3t-value")),
            redirectURI: "https://dash/cb")
        let expected = "Entra ID sign-in: tenant contoso.onmicrosoft.com, client ID client, redirect URI https://dash/cb, "
        #expect("\(configuration)" == expected + "client secret ********")
    }
}
