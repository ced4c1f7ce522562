import Foundation

/// Why a team-mode sign-in did not happen, in words an identity admin can act on: which step or which
/// ID token check failed, with the values that were compared. Never carries the authorization code, a
/// token, the PKCE verifier or the client credential.
public enum SignInError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configuration cannot work (a multi-tenant alias, an empty client ID, an unsafe URL, a missing secret).
    case invalidConfiguration(String)
    /// The discovery document or the signing keys could not be fetched or read.
    case providerUnavailable(url: String, reason: String)
    /// The `state` the browser brought back matches no sign-in begun here, or that sign-in was already used.
    case unknownState
    /// The sign-in was begun more than the allowed time ago.
    case expiredState(minutes: Int)
    /// Entra ID sent the browser back with an error instead of a code (the user cancelled, is not
    /// assigned to the app, or consent is missing).
    case authorizationRefused(error: String, description: String)
    /// The token endpoint could not be reached or did not answer in time.
    case tokenEndpointUnreachable(url: String, reason: String)
    /// The token endpoint refused the authorization code (`error`, `error_description`, AADSTS codes).
    case tokenEndpointRefused(status: Int, error: String, description: String, codes: [Int])
    /// The token endpoint's answer holds no ID token.
    case malformedTokenResponse(status: Int, reason: String)
    /// The ID token failed a check.
    case idTokenRejected(IDTokenCheck)
    /// The user signed in but holds neither the Viewer nor the Editor app role.
    case noAppRole(username: String, roles: [String])

    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): return "team sign-in is not configured correctly: \(reason)"
        case .providerUnavailable(let url, let reason): return "could not read \(url) from the identity provider: \(reason)"
        case .unknownState:
            return "this sign-in response matches no sign-in started here, or was already used: start the sign-in again"
        case .expiredState(let minutes): return "this sign-in was started more than \(minutes) minutes ago: start the sign-in again"
        case .authorizationRefused(let error, let description):
            let firstLine = description.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return "Microsoft Entra ID did not sign the user in (\(error)): \(firstLine)" + (advice.map { " \($0)" } ?? "")
        case .tokenEndpointUnreachable(let url, let reason): return "could not reach the token endpoint \(url): \(reason)"
        case .tokenEndpointRefused(let status, let error, let description, _):
            let firstLine = description.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return "the token endpoint refused the sign-in (HTTP \(status), \(error)): \(firstLine)" + (advice.map { " \($0)" } ?? "")
        case .malformedTokenResponse(let status, let reason):
            return "the token endpoint's answer (HTTP \(status)) holds no usable ID token: \(reason)"
        case .idTokenRejected(let check): return "the ID token was refused: \(check)"
        case .noAppRole(let username, let roles):
            let held = roles.isEmpty ? "no roles" : "only " + roles.joined(separator: ", ")
            return "no app role assigned: \(username) holds \(held); assign Viewer or Editor to this user "
                + "in Enterprise applications > Users and groups"
        }
    }

    /// What to do about the AADSTS codes an authorization code redemption commonly gets. Source: Microsoft
    /// Learn, "Microsoft Entra authentication and authorization error codes"
    /// (https://learn.microsoft.com/entra/identity-platform/reference-error-codes).
    public var advice: String? {
        let code: Int
        switch self {
        case .tokenEndpointRefused(_, _, _, let codes):
            guard let first = codes.first else { return nil }
            code = first
        case .authorizationRefused(_, let description):
            // The authorization response carries no error_codes, only "AADSTS50105: ..." in its description.
            guard let found = Self.aadstsCode(in: description) else { return nil }
            code = found
        default:
            return nil
        }
        switch code {
        case 50105: return "The user is not assigned to the app: assign Viewer or Editor in Enterprise applications > Users and groups."
        case 65001: return "The app has no consent for openid and profile: grant admin consent under API permissions."
        case 50020: return "The user is from another tenant: only this tenant's users (and its assigned guests) can sign in."
        case 70008: return "The authorization code expired before it was redeemed: sign in again."
        case 54005: return "The authorization code was already redeemed: sign in again."
        case 50148, 501_481: return "The PKCE code verifier does not match the code challenge: sign in again from the start."
        case 500_112, 50011:
            return "The redirect URI does not match one registered for the app: add it under Authentication > Web."
        case 700016: return "The application (client ID) is not in this tenant: check --client-id and --tenant."
        case 7_000_215: return "The client secret is wrong: use the secret's Value, not its ID, and check it has not expired."
        case 7_000_222: return "The client secret has expired: create a new one in the app registration."
        case 700027: return "The client assertion's signature did not verify: upload this certificate to the app registration."
        case 90002: return "The tenant was not found: check --tenant (a GUID or the .onmicrosoft.com domain)."
        default: return nil
        }
    }

    /// The number after the first "AADSTS" in a description.
    static func aadstsCode(in text: String) -> Int? {
        guard let range = text.range(of: "AADSTS") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
    }
}

/// The ID token check that failed, named after the claim it looked at (Microsoft Learn, "ID tokens in the
/// Microsoft identity platform": validate the signature, iss, aud, the timestamps and the nonce;
/// https://learn.microsoft.com/entra/identity-platform/id-tokens).
public enum IDTokenCheck: Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    /// `alg` is not RS256: `none`, HS256 (a key the client knows) and others are refused.
    case algorithm(String)
    case unknownKey(kid: String)
    case signature(kid: String)
    case issuer(expected: String, found: String)
    case audience(expected: String, found: [String])
    case expired(at: Date)
    case notYetValid(until: Date)
    case issuedInTheFuture(at: Date)
    case nonceMismatch
    case nonceReplayed
    case tenant(expected: String, found: String)
    case missingClaim(String)

    public var description: String {
        switch self {
        case .malformed(let reason): return "it is not a signed JWT (\(reason))"
        case .algorithm(let alg): return "it is signed with '\(alg)'; only RS256 is accepted"
        case .unknownKey(let kid):
            return "it names the signing key '\(kid)', which is not among the tenant's published keys (jwks_uri)"
        case .signature(let kid): return "its signature does not verify with the tenant's key '\(kid)'"
        case .issuer(let expected, let found): return "it was issued by '\(found)', not by '\(expected)' (iss)"
        case .audience(let expected, let found):
            return "it is meant for '\(found.joined(separator: "', '"))', not for this app's client ID '\(expected)' (aud)"
        case .expired(let at): return "it expired at \(Self.format(at)) (exp; check this machine's clock)"
        case .notYetValid(let until): return "it is not valid before \(Self.format(until)) (nbf; check this machine's clock)"
        case .issuedInTheFuture(let at):
            return "it claims to be issued at \(Self.format(at)), in the future (iat; check this machine's clock)"
        case .nonceMismatch: return "its nonce is not the one this sign-in sent"
        case .nonceReplayed: return "its nonce was already used by an earlier sign-in (a replayed token)"
        case .tenant(let expected, let found): return "it comes from tenant '\(found)', not from '\(expected)' (tid)"
        case .missingClaim(let name): return "it has no '\(name)' claim"
        }
    }

    private static func format(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
