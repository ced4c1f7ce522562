import AuthShiftCore
import OAuth

extension EntraSignInConfiguration: CustomStringConvertible {
    /// What `serve` can print at start: tenant, client, redirect URI and which kind of credential, with
    /// the secret masked and the certificate named by its thumbprint (as the Entra admin center shows it).
    public var description: String {
        let credentialText: String
        switch credential {
        case .clientSecret: credentialText = "client secret \(Secret.mask)"
        case .certificate(let certificate, let algorithm):
            credentialText = "certificate \(certificate.thumbprintHex) (\(algorithm.rawValue) client assertion)"
        }
        return "Entra ID sign-in: tenant \(tenant), client ID \(clientID), redirect URI \(redirectURI), \(credentialText)"
    }
}
