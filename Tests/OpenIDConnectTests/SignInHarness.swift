import AuthShiftCore
import Foundation
import NIOSSL
import OAuth
import OpenIDConnect
import TestSupport
import Testing
import Transport

/// A time the tests can move forward (pending sign-ins expiring, the key refetch interval passing).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0

    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return Date().addingTimeInterval(offset)
    }

    func advance(_ seconds: TimeInterval) {
        lock.lock()
        offset += seconds
        lock.unlock()
    }
}

/// The loopback provider, an HTTPS client trusting the test CA, and the browser's part of a sign-in:
/// follow the authorization URL to the provider and read the code and state from its redirect.
struct SignInHarness {
    static let redirectURI = "https://dashboard.contoso.example/auth/callback"

    let provider: LoopbackProvider
    let http: HTTPSPost
    let clock = TestClock()

    static func start() async throws -> SignInHarness {
        let provider = try LoopbackProvider()
        try await provider.start()
        let http = HTTPSPost(
            timeout: .seconds(30), trustRoots: try NIOSSLCertificate.fromPEMFile(Fixture.path("ca.pem")), proxy: { _ in nil })
        return SignInHarness(provider: provider, http: http)
    }

    func configuration(
        credential: EntraSignInConfiguration.ClientCredential = .clientSecret(Secret(LoopbackProvider.clientSecret)),
        tenant: String = LoopbackProvider.tenantID, maximumPending: Int = 100
    ) -> EntraSignInConfiguration {
        EntraSignInConfiguration(
            tenant: tenant, clientID: LoopbackProvider.clientID, credential: credential, redirectURI: Self.redirectURI,
            authority: provider.base, maximumPending: maximumPending)
    }

    func signIn(_ configuration: EntraSignInConfiguration? = nil) throws -> EntraSignIn {
        let clock = self.clock
        return try EntraSignIn(configuration: configuration ?? self.configuration(), http: http, clock: { clock.now })
    }

    /// What the browser does between `begin` and `complete`: GET the authorization URL, get redirected.
    func authorize(_ url: URL) async throws -> (code: String, state: String) {
        let response = try await http.get(url: url.absoluteString, headers: [])
        #expect(response.status == 302)
        let location = try #require(response.header("Location"))
        #expect(location.hasPrefix(Self.redirectURI + "?"))
        let query = Form.decode(String(location.split(separator: "?", maxSplits: 1).last ?? ""))
        return (try #require(query["code"]), try #require(query["state"]))
    }

    /// A whole sign-in: begin, the browser's round trip, complete.
    func run(_ signIn: EntraSignIn) async throws -> SignedInIdentity {
        let (code, state) = try await authorize(try await signIn.begin())
        return try await signIn.complete(code: code, state: state)
    }

    /// The refusal a sign-in ends with, or nil when it succeeded.
    func refusal(_ signIn: EntraSignIn) async throws -> SignInError? {
        let (code, state) = try await authorize(try await signIn.begin())
        do {
            _ = try await signIn.complete(code: code, state: state)
            return nil
        } catch {
            return error
        }
    }
}
