import Foundation
import Transport
import _CryptoExtras

/// Team-mode sign-in with Microsoft Entra ID: OpenID Connect's authorization code flow with PKCE for a
/// confidential client (Microsoft Learn, "OpenID Connect on the Microsoft identity platform",
/// https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc). `begin` gives the URL to send
/// the browser to; `complete` takes the code and state the browser brings back and returns who signed
/// in, after the ID token passed every check (IDTokenValidator). An actor: the pending sign-ins and the
/// cached discovery document and keys are shared by every request of the dashboard.
public actor EntraSignIn {
    public nonisolated let configuration: EntraSignInConfiguration
    private let http: HTTPSPost
    private let clock: @Sendable () -> Date
    private var pending: PendingSignIns
    /// Nonces of completed (or attempted) sign-ins, kept an hour (an ID token's default lifetime), so a
    /// replayed token is named as such.
    private var usedNonces: [String: Date] = [:]
    private var metadata: (value: ProviderMetadata, fetched: Date)?
    private var keys: (value: SigningKeySet, fetched: Date)?
    /// When the last key fetch began: the rate limit counts from here, so sign-ins completing at the same
    /// moment with an unknown kid start one refetch, not one each.
    private var keyFetchStarted: Date?

    /// - Parameters:
    ///   - http: the HTTPS client (its trust roots and proxy); tests pass one trusting their CA.
    ///   - clock: the current time, for tests.
    public init(
        configuration: EntraSignInConfiguration, http: HTTPSPost = HTTPSPost(), clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(SignInError) {
        try configuration.validate()
        self.configuration = configuration
        self.http = http
        self.clock = clock
        pending = PendingSignIns(lifetime: configuration.pendingLifetime, capacity: configuration.maximumPending)
    }

    /// Fetches the discovery document and the signing keys now, so `serve` can refuse to start with a
    /// wrong tenant or an unreachable identity provider instead of failing at the first sign-in.
    public func checkProvider() async throws(SignInError) {
        let metadata = try await currentMetadata()
        try await refreshKeys(from: metadata)
    }

    /// The authorization URL for a new sign-in; remembers its state, nonce and PKCE verifier.
    public func begin() async throws(SignInError) -> URL {
        let metadata = try await currentMetadata()
        let state = ProofKey.random()
        let nonce = ProofKey.random()
        let verifier = ProofKey.random()
        let request = AuthorizationRequest(
            authorizationEndpoint: metadata.authorizationEndpoint, clientID: configuration.clientID,
            redirectURI: configuration.redirectURI, state: state, nonce: nonce, codeChallenge: ProofKey.challenge(for: verifier))
        let url = try request.url
        pending.insert(state: state, entry: .init(verifier: verifier, nonce: nonce, created: clock()))
        return url
    }

    /// Finishes the sign-in the browser came back from. The state is used up whatever happens next, so
    /// neither it nor its nonce can be tried twice.
    public func complete(code: String, state: String) async throws(SignInError) -> SignedInIdentity {
        let entry: PendingSignIns.Entry
        switch pending.take(state: state, now: clock()) {
        case .unknown: throw .unknownState
        case .expired: throw .expiredState(minutes: Int(configuration.pendingLifetime / 60))
        case .found(let found): entry = found
        }
        markUsed(nonce: entry.nonce)
        let metadata = try await currentMetadata()
        let redemption = CodeRedemption(
            tokenEndpoint: metadata.tokenEndpoint, clientID: configuration.clientID, credential: configuration.credential,
            redirectURI: configuration.redirectURI)
        let token = try IDToken(compact: try await redemption.redeem(code: code, verifier: entry.verifier, now: clock(), http: http))
        let key = try await signingKey(IDTokenValidator.keyID(of: token), metadata: metadata)
        let validator = IDTokenValidator(
            clientID: configuration.clientID, tenantID: configuration.tenantID, metadata: metadata, clockSkew: configuration.clockSkew)
        return try validator.validate(token, key: key, expectedNonce: entry.nonce, usedNonces: Set(usedNonces.keys), now: clock())
    }

    /// Ends a sign-in the browser came back from with `error` and `error_description` instead of a code
    /// (RFC 6749 §4.1.2.1): the state is used up, and the refusal says why, in an admin's words.
    public func authorizationFailed(state: String, error: String, description: String) -> SignInError {
        switch pending.take(state: state, now: clock()) {
        case .unknown: return .unknownState
        case .expired, .found: return .authorizationRefused(error: error, description: description)
        }
    }

    private func currentMetadata() async throws(SignInError) -> ProviderMetadata {
        if let metadata, clock().timeIntervalSince(metadata.fetched) < configuration.metadataLifetime { return metadata.value }
        let url = configuration.discoveryURL
        let fetched = try ProviderMetadata.parse(try await ProviderFetch.get(url, http: http), url: url)
        metadata = (fetched, clock())
        return fetched
    }

    /// The key named `kid`. An unknown kid (Entra ID rolls its keys over) fetches the key set again, at
    /// most once per `keyRefetchInterval` (Microsoft Learn, "Signing key rollover in the Microsoft
    /// identity platform", https://learn.microsoft.com/entra/identity-platform/signing-key-rollover).
    private func signingKey(_ kid: String, metadata: ProviderMetadata) async throws(SignInError) -> _RSA.Signing.PublicKey {
        let now = clock()
        if let keys, now.timeIntervalSince(keys.fetched) < configuration.metadataLifetime {
            if let key = keys.value[kid] { return key }
            if let started = keyFetchStarted, now.timeIntervalSince(started) < configuration.keyRefetchInterval {
                throw .idTokenRejected(.unknownKey(kid: kid))
            }
        }
        try await refreshKeys(from: metadata)
        guard let key = keys?.value[kid] else { throw .idTokenRejected(.unknownKey(kid: kid)) }
        return key
    }

    private func refreshKeys(from metadata: ProviderMetadata) async throws(SignInError) {
        keyFetchStarted = clock()
        let body = try await ProviderFetch.get(metadata.jwksURI, http: http)
        keys = (try SigningKeySet.parse(body, url: metadata.jwksURI), clock())
    }

    private func markUsed(nonce: String) {
        let now = clock()
        usedNonces = usedNonces.filter { now.timeIntervalSince($0.value) < 3600 }
        while usedNonces.count >= configuration.maximumPending, let oldest = usedNonces.min(by: { $0.value < $1.value }) {
            usedNonces[oldest.key] = nil
        }
        usedNonces[nonce] = now
    }
}
