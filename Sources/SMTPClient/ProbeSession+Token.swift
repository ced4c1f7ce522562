import AuthShiftCore
import OAuth
import Transport

/// The app-only token of an XOAUTH2 probe: the request from the probe's app and credential, the
/// transcript lines around it, and the token endpoint and credential the report names.
extension ProbeSession {
    /// Asks the identity platform for the token; a refusal or an unreachable endpoint is a
    /// failure the transcript explains (with advice for the AADSTS codes authshift knows).
    static func token(
        for request: ProbeRequest, clientSecret: Secret?, transcript: inout Transcript, report: inout ProbeReport.Authentication?
    ) async throws -> Result<AccessToken, OAuthError> {
        let tokenRequest = try tokenRequest(for: request, clientSecret: clientSecret)
        let source = tokenRequest.credential.sourceDescription
        report?.tokenEndpoint = tokenRequest.tokenURL
        report?.tokenSource = source
        transcript.append(.info, "requesting an app-only token from \(tokenRequest.tokenURL) (\(source), scope \(request.scope))")
        let http = HTTPSPost(timeout: request.timeout, trustRoots: request.trustRoots)
        do {
            return .success(try await TokenClient(http: http).token(for: tokenRequest))
        } catch {
            transcript.append(.error, "token: \(error)")
            if let advice = error.advice { transcript.append(.info, advice) }
            return .failure(error)
        }
    }

    /// The token request of an XOAUTH2 probe; `problems` made sure the app and a credential are there.
    private static func tokenRequest(for request: ProbeRequest, clientSecret: Secret?) throws -> TokenRequest {
        let credential: TokenRequest.Credential
        if let certificate = request.certificate {
            credential = try certificate.read()
        } else if let clientSecret {
            credential = .clientSecret(clientSecret)
        } else {
            throw ProbeRequest.Problem.appCredentialMissing
        }
        guard let tenant = request.tenant, let clientID = request.clientID else { throw ProbeRequest.Problem.appMissing }
        return TokenRequest(authority: request.authority, tenant: tenant, clientID: clientID, scope: request.scope, credential: credential)
    }
}

extension TokenRequest.Credential {
    /// Where the token comes from, as the transcript and the JSON report say it.
    var sourceDescription: String {
        switch self {
        case .clientSecret: return "client secret"
        case .certificate(let c, let alg):
            return "certificate \(c.thumbprintHex), \(alg.rawValue) with \(alg == .ps256 ? "x5t#S256" : "x5t")"
        }
    }
}
