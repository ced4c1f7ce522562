import AuthShiftCore
import Foundation
import NIOCore
import NIOSSL
import OAuth
import Transport

/// App-only tokens for the upstream routes, held in memory only and renewed ten minutes before
/// they expire (the margin email-oauth2-proxy uses, docs/relay.md#token-renewal), so a long DATA never runs
/// on a token about to lapse. One request at a time per scope.
public actor TokenCache {
    private let settings: BridgeConfiguration.OAuthSettings
    private var tokens: [String: (AccessToken, Date)] = [:]
    private let credential: TokenRequest.Credential
    private let http: HTTPSPost
    public static let renewalMargin: TimeInterval = 600

    public init(settings: BridgeConfiguration.OAuthSettings, trustRoots: [NIOSSLCertificate] = []) throws {
        self.settings = settings
        http = HTTPSPost(timeout: .seconds(30), trustRoots: trustRoots)
        if let file = settings.clientSecretFile {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw OAuthError.credentialUnreadable(path: file, reason: "cannot read the client secret")
            }
            credential = .clientSecret(Secret(text.trimmingCharacters(in: .newlines)))
        } else if let certificate = try Self.signingCertificate(settings) {
            credential = .certificate(certificate, settings.jwtAlgorithm)
        } else {
            throw OAuthError.credentialUnreadable(path: "oauth", reason: "no credential")
        }
    }

    /// The client-assertion certificate the settings name (PFX, or PEM certificate and key); nil
    /// when they name none (a client secret). Also read by `check-config` and the metrics for its expiry.
    public static func signingCertificate(_ settings: BridgeConfiguration.OAuthSettings) throws -> SigningCertificate? {
        if let pfx = settings.pfx {
            let password = try settings.pfxPasswordFile.map { f in
                guard let text = try? String(contentsOfFile: f, encoding: .utf8) else {
                    throw OAuthError.credentialUnreadable(path: f, reason: "cannot read the PFX password")
                }
                return Secret(text.trimmingCharacters(in: .newlines))
            }
            return try SigningCertificate(pfx: pfx, passphrase: password)
        }
        if let certificate = settings.certificate, let key = settings.key {
            return try SigningCertificate(certificatePEM: certificate, keyPEM: key)
        }
        return nil
    }

    public func token(scope: String) async throws(OAuthError) -> AccessToken {
        if let (token, renewAt) = tokens[scope], Date() < renewAt { return token }
        let request = TokenRequest(
            authority: settings.authority, tenant: settings.tenant, clientID: settings.clientID, scope: scope, credential: credential)
        let token = try await TokenClient(http: http).token(for: request)
        let lifetime = TimeInterval(token.expiresIn ?? 3600)
        tokens[scope] = (token, Date().addingTimeInterval(max(lifetime - Self.renewalMargin, lifetime / 2)))
        return token
    }

    /// Forget a token the upstream refused (revoked, or consent withdrawn).
    public func invalidate(scope: String) { tokens[scope] = nil }
}
