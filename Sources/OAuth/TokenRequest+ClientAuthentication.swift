import AuthShiftCore
import Foundation

extension TokenRequest.Credential {
    /// The form fields that authenticate a confidential client at a token endpoint: `client_secret`, or a
    /// `client_assertion` signed for `tokenURL` (Microsoft Learn, "Microsoft identity platform application
    /// authentication certificate credentials"). One place for every grant that authenticates the client
    /// (client credentials here, the dashboard's authorization code redemption in OpenIDConnect), so the
    /// assertion's audience and lifetime rules are written once. The values are secrets: only the request
    /// body holds them.
    public func formFields(clientID: String, tokenURL: String, now: Date = Date()) throws -> [(String, String)] {
        switch self {
        case .clientSecret(let secret):
            return [("client_secret", secret.reveal())]
        case .certificate(let certificate, let algorithm):
            let assertion = ClientAssertion(clientID: clientID, audience: tokenURL, algorithm: algorithm, issuedAt: now)
            return [
                ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                ("client_assertion", try assertion.signed(with: certificate).reveal()),
            ]
        }
    }
}
