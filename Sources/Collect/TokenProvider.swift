import AuthShiftCore
import Foundation
import OAuth

/// Holds the app-only access token of a long collection and renews it before it expires.
///
/// Tokens of the client-credentials flow carry `expires_in` (about an hour; Microsoft Learn,
/// "OAuth 2.0 client credentials flow"); a run that pages millions of sign-ins outlives one. The
/// token is renewed once less than `renewalMargin` of its life is left (or a quarter of it, for a
/// short-lived token), and at once when Graph answers 401 to it.
public actor TokenProvider {
    /// A new token and its `expires_in` seconds.
    public typealias Fetch = @Sendable () async throws -> (token: Secret, expiresIn: Int?)

    private let fetch: Fetch
    private let renewalMargin: Double
    private let clock: @Sendable () -> Date
    private var current: (token: Secret, renewAt: Date)?
    /// How many tokens were obtained, for the run's summary and the tests.
    public private(set) var issued = 0

    public init(renewalMargin: Double = 300, clock: @escaping @Sendable () -> Date = { Date() }, fetch: @escaping Fetch) {
        self.fetch = fetch
        self.renewalMargin = renewalMargin
        self.clock = clock
    }

    /// A token through the OAuth module's token client.
    public init(request: TokenRequest, client: TokenClient, renewalMargin: Double = 300) {
        self.init(renewalMargin: renewalMargin) {
            let token = try await client.token(for: request)
            return (token.value, token.expiresIn)
        }
    }

    /// The current token, renewed first when it is close to expiry.
    public func token() async throws(CollectError) -> Secret {
        if let current, clock() < current.renewAt { return current.token }
        return try await renew()
    }

    /// Forgets `rejected` (Graph refused it) and gets a new one, unless another request already did.
    public func renew(after rejected: Secret) async throws(CollectError) -> Secret {
        if let current, current.token.reveal() != rejected.reveal() { return current.token }
        return try await renew()
    }

    private func renew() async throws(CollectError) -> Secret {
        let started = clock()
        let token: (token: Secret, expiresIn: Int?)
        do { token = try await fetch() } catch let error as OAuthError {
            throw .token([error.description, error.advice].compactMap { $0 }.joined(separator: " "))
        } catch {
            throw .token("no token: \(error)")
        }
        let life = Double(token.expiresIn ?? 3600)
        let margin = min(renewalMargin, life / 4)
        current = (token.token, started.addingTimeInterval(life - margin))
        issued += 1
        return token.token
    }
}
