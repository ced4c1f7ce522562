import Crypto
import Foundation
import OAuth
import OpenIDConnect
import Testing

/// ID tokens the provider's token endpoint hands over but that must not sign anyone in: each forgery
/// changes one thing in an otherwise good token and names the check that must refuse it.
@Suite struct IDTokenForgeryTests {
    enum Forgery: String, CaseIterable, Sendable {
        case signedByAnotherKey, algorithmNone, algorithmHS256, algorithmPS256, wrongAudience, extraAudience, wrongIssuer
        case expired, notYetValid, issuedInTheFuture, otherTenant, otherNonce, noNonce, noObjectID, noAlgorithm

        static let stranger = try! ProviderKey(kid: "key-1")

        func apply(_ plan: inout LoopbackProvider.TokenPlan) {
            let now = Int(Date().timeIntervalSince1970)
            switch self {
            case .signedByAnotherKey: plan.signer = Self.stranger
            case .algorithmNone:
                plan.header["alg"] = "none"
                plan.signer = nil
            case .algorithmHS256: plan.header["alg"] = "HS256"
            case .algorithmPS256: plan.header["alg"] = "PS256"
            case .wrongAudience: plan.claims["aud"] = "00000003-0000-0000-c000-000000000000"
            case .extraAudience: plan.claims["aud"] = [LoopbackProvider.clientID, "someone-else"]
            case .wrongIssuer: plan.claims["iss"] = "https://login.microsoftonline.com/\(UUID().uuidString.lowercased())/v2.0"
            case .expired:
                plan.claims["iat"] = now - 7200
                plan.claims["nbf"] = now - 7200
                plan.claims["exp"] = now - 301 - 5
            case .notYetValid: plan.claims["nbf"] = now + 600
            case .issuedInTheFuture: plan.claims["iat"] = now + 600
            case .otherTenant: plan.claims["tid"] = "11111111-2222-3333-4444-555555555555"
            case .otherNonce: plan.claims["nonce"] = "a-nonce-this-sign-in-never-sent"
            case .noNonce: plan.claims["nonce"] = nil
            case .noObjectID: plan.claims["oid"] = nil
            case .noAlgorithm: plan.header = ["kid": "key-1"]
            }
        }

        /// Whether `check` is the refusal this forgery must get.
        func isExpected(_ check: IDTokenCheck) -> Bool {
            switch (self, check) {
            case (.signedByAnotherKey, .signature(kid: "key-1")), (.algorithmNone, .algorithm("none")),
                (.algorithmHS256, .algorithm("HS256")), (.algorithmPS256, .algorithm("PS256")), (.wrongAudience, .audience),
                (.extraAudience, .audience), (.wrongIssuer, .issuer), (.expired, .expired), (.notYetValid, .notYetValid),
                (.issuedInTheFuture, .issuedInTheFuture), (.otherTenant, .tenant), (.otherNonce, .nonceMismatch),
                (.noNonce, .missingClaim("nonce")), (.noObjectID, .missingClaim("oid")), (.noAlgorithm, .algorithm("(none given)")):
                return true
            default:
                return false
            }
        }
    }

    @Test(arguments: Forgery.allCases) func forgedTokenIsRefusedByTheRightCheck(_ forgery: Forgery) async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        harness.provider.locked { harness.provider.edit = { forgery.apply(&$0) } }
        let error = try await harness.refusal(try harness.signIn())
        guard case .idTokenRejected(let check) = error else {
            Issue.record("\(forgery): expected an ID token refusal, got \(String(describing: error))")
            return
        }
        #expect(forgery.isExpected(check), "\(forgery): refused for another reason: \(check)")
    }

    @Test func tokenExpiredWithinTheClockSkewIsAccepted() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        harness.provider.locked { harness.provider.edit = { $0.claims["exp"] = Int(Date().timeIntervalSince1970) - 240 } }
        #expect(try await harness.refusal(try harness.signIn()) == nil)
    }

    @Test func refusalNamesTheComparedValues() {
        let issuer = SignInError.idTokenRejected(.issuer(expected: "https://a/t/v2.0", found: "https://b/t/v2.0"))
        #expect("\(issuer)" == "the ID token was refused: it was issued by 'https://b/t/v2.0', not by 'https://a/t/v2.0' (iss)")
        let audience = SignInError.idTokenRejected(.audience(expected: "app", found: ["other"]))
        #expect("\(audience)" == "the ID token was refused: it is meant for 'other', not for this app's client ID 'app' (aud)")
        #expect("\(SignInError.idTokenRejected(.algorithm("none")))".hasSuffix("signed with 'none'; only RS256 is accepted"))
    }
}
