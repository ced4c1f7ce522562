import AuthShiftCore
import Crypto
import Foundation
import OAuth
import OpenIDConnect
import TestSupport
import Testing
import _CryptoExtras

/// Team-mode sign-in end to end against the loopback provider: the request the browser is sent with,
/// the token request, the roles, and the refusals that are not about a forged token (IDTokenForgeryTests).
@Suite struct EntraSignInTests {
    @Test func goodSignInReturnsTheUserAndMapsTheirAppRole() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        let signIn = try harness.signIn()

        let url = try await signIn.begin()
        let query = Form.decode(url.query ?? "")
        #expect(url.absoluteString.hasPrefix("\(harness.provider.base)/\(LoopbackProvider.tenantID)/oauth2/v2.0/authorize?"))
        #expect(query["response_type"] == "code")
        #expect(query["response_mode"] == "query")
        #expect(query["scope"] == "openid profile")
        #expect(query["client_id"] == LoopbackProvider.clientID)
        #expect(query["redirect_uri"] == SignInHarness.redirectURI)
        #expect(query["code_challenge_method"] == "S256")
        #expect(query["code_challenge"]?.count == 43)
        #expect(query["state"]?.count == 43 && query["nonce"]?.count == 43 && query["state"] != query["nonce"])

        let (code, state) = try await harness.authorize(url)
        let identity = try await signIn.complete(code: code, state: state)
        #expect(
            identity
                == SignedInIdentity(
                    name: "Adele Vance", username: "adele.vance@contoso.example", objectID: "a1b2c3d4-0000-4000-8000-00000000abcd",
                    roles: ["Viewer"]))
        #expect(try identity.dashboardRole() == .viewer)

        harness.provider.locked { harness.provider.roles = ["Viewer", "Editor"] }
        #expect(try await harness.run(signIn).dashboardRole() == .editor)
    }

    @Test func signedInUserWithoutAnAppRoleIsRefusedClearly() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        harness.provider.locked { harness.provider.roles = ["Reader"] }
        let identity = try await harness.run(try harness.signIn())
        #expect(throws: SignInError.noAppRole(username: "adele.vance@contoso.example", roles: ["Reader"])) { try identity.dashboardRole() }
        let text = "\(SignInError.noAppRole(username: "adele.vance@contoso.example", roles: []))"
        #expect(text.hasPrefix("no app role assigned: adele.vance@contoso.example holds no roles"))
    }

    @Test func certificateCredentialAuthenticatesWithASignedClientAssertion() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        let certificate = try SigningCertificate(certificatePEM: Fixture.path("app.pem"), keyPEM: Fixture.path("app-key.pem"))
        let appKey = try _RSA.Signing.PrivateKey(pemRepresentation: String(contentsOfFile: Fixture.path("app-key.pem"), encoding: .utf8))
        harness.provider.locked { harness.provider.assertionKey = AssertionVerifier(publicKey: appKey.publicKey) }
        let signIn = try harness.signIn(harness.configuration(credential: .certificate(certificate, .ps256)))
        #expect(try await harness.run(signIn).objectID == "a1b2c3d4-0000-4000-8000-00000000abcd")
    }

    @Test func reusedStateIsRefusedAndTheCodeIsNotSentTwice() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        let signIn = try harness.signIn()
        let (code, state) = try await harness.authorize(try await signIn.begin())
        _ = try await signIn.complete(code: code, state: state)
        await #expect(throws: SignInError.unknownState) { try await signIn.complete(code: code, state: state) }
        await #expect(throws: SignInError.unknownState) { try await signIn.complete(code: code, state: "made-up") }
        #expect(harness.provider.locked { harness.provider.minted.count } == 1)
    }

    @Test func replayedIDTokenIsRefusedByItsNonce() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        let signIn = try harness.signIn()
        _ = try await harness.run(signIn)
        harness.provider.locked { harness.provider.replayFirstToken = true }
        #expect(try await harness.refusal(signIn) == .idTokenRejected(.nonceReplayed))
    }

    @Test func codeInjectedIntoAnotherSignInFailsThePKCECheckAtTheProvider() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        let signIn = try harness.signIn()
        let (victimCode, _) = try await harness.authorize(try await signIn.begin())
        let (_, attackerState) = try await harness.authorize(try await signIn.begin())
        do {
            _ = try await signIn.complete(code: victimCode, state: attackerState)
            Issue.record("a code redeemed with another sign-in's verifier was accepted")
        } catch {
            guard case .tokenEndpointRefused(400, "invalid_grant", _, [50148]) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.advice?.contains("PKCE code verifier does not match") == true)
            #expect("\(error)".contains("AADSTS50148") && !"\(error)".contains(victimCode) && !"\(error)".contains("Trace ID"))
        }
    }

    @Test func alreadyRedeemedCodeIsExplained() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        let signIn = try harness.signIn()
        let (code, state) = try await harness.authorize(try await signIn.begin())
        _ = try await signIn.complete(code: code, state: state)
        let (_, secondState) = try await harness.authorize(try await signIn.begin())
        do {
            _ = try await signIn.complete(code: code, state: secondState)
            Issue.record("a redeemed code was accepted again")
        } catch {
            #expect(error.advice == "The authorization code was already redeemed: sign in again.")
            #expect("\(error)".hasPrefix("the token endpoint refused the sign-in (HTTP 400, invalid_grant): AADSTS54005"))
        }
    }

    @Test func wrongClientSecretIsExplainedWithoutShowingIt() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        let wrong = "wrong-secret-value-123"
        let signIn = try harness.signIn(harness.configuration(credential: .clientSecret(Secret(wrong))))
        let error = try #require(try await harness.refusal(signIn))
        #expect(error.advice?.hasPrefix("The client secret is wrong") == true)
        #expect(!"\(error)".contains(wrong) && !"\(error)".contains("code-"))
    }

    @Test func unknownKeyIsFetchedAgainAtMostOncePerIntervalAndRotationThenSucceeds() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        let provider = harness.provider
        let signIn = try harness.signIn()
        _ = try await harness.run(signIn)
        #expect(provider.locked { provider.jwksFetches } == 1)

        // The provider rolls its key over; the cached set is seconds old, so no refetch yet.
        try provider.rotate()
        #expect(try await harness.refusal(signIn) == .idTokenRejected(.unknownKey(kid: "key-2")))
        #expect(provider.locked { provider.jwksFetches } == 1)

        // Past the refetch interval the unknown kid fetches the keys again, once, and verifies.
        harness.clock.advance(301)
        #expect(try await harness.run(signIn).username == "adele.vance@contoso.example")
        #expect(provider.locked { provider.jwksFetches } == 2)

        // A kid the provider never published: refused after one more fetch, then without fetching.
        let stranger = try ProviderKey(kid: "key-never-published")
        provider.locked {
            provider.edit = {
                $0.signer = stranger
                $0.header["kid"] = stranger.kid
            }
        }
        harness.clock.advance(301)
        #expect(try await harness.refusal(signIn) == .idTokenRejected(.unknownKey(kid: "key-never-published")))
        #expect(try await harness.refusal(signIn) == .idTokenRejected(.unknownKey(kid: "key-never-published")))
        #expect(provider.locked { provider.jwksFetches } == 3)
    }

    @Test func signInBegunTooLongAgoIsRefused() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        let signIn = try harness.signIn()
        let (code, state) = try await harness.authorize(try await signIn.begin())
        harness.clock.advance(601)
        await #expect(throws: SignInError.expiredState(minutes: 10)) { try await signIn.complete(code: code, state: state) }
        await #expect(throws: SignInError.unknownState) { try await signIn.complete(code: code, state: state) }
    }

    @Test func pendingSignInsAreCappedByForgettingTheOldest() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        let signIn = try harness.signIn(harness.configuration(maximumPending: 2))
        let first = try await harness.authorize(try await signIn.begin())
        let second = try await harness.authorize(try await signIn.begin())
        let third = try await harness.authorize(try await signIn.begin())
        await #expect(throws: SignInError.unknownState) { try await signIn.complete(code: first.code, state: first.state) }
        _ = try await signIn.complete(code: second.code, state: second.state)
        _ = try await signIn.complete(code: third.code, state: third.state)
    }

    @Test func wrongTenantFailsAtDiscoveryWithTheURL() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        let signIn = try harness.signIn(harness.configuration(tenant: "fabrikam.onmicrosoft.com"))
        let url = "\(harness.provider.base)/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration"
        await #expect(throws: SignInError.providerUnavailable(url: url, reason: "HTTP 404 (is the tenant right?)")) {
            try await signIn.checkProvider()
        }
    }
}

/// The browser comes back with an error instead of a code.
@Suite struct AuthorizationErrorTests {
    @Test func unassignedUserIsExplainedAndTheStateIsUsedUp() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        let signIn = try harness.signIn()
        let state = try #require(Form.decode(try await signIn.begin().query ?? "")["state"])
        let description =
            "AADSTS50105: Your administrator has configured the application authshift dashboard to block users "
            + "unless they are specifically granted ('assigned') access to the application.\r\nTrace ID: 1"
        let error = await signIn.authorizationFailed(state: state, error: "access_denied", description: description)
        #expect(error == .authorizationRefused(error: "access_denied", description: description))
        #expect(error.advice?.hasPrefix("The user is not assigned to the app") == true)
        #expect("\(error)".hasPrefix("Microsoft Entra ID did not sign the user in (access_denied): AADSTS50105: Your administrator"))
        #expect(!"\(error)".contains("Trace ID"))
        #expect(await signIn.authorizationFailed(state: state, error: "access_denied", description: description) == .unknownState)
        await #expect(throws: SignInError.unknownState) { try await signIn.complete(code: "any", state: state) }
    }
}
