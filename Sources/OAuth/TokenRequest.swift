import AuthShiftCore
import Foundation

/// The client-credentials token request of the Microsoft identity platform v2.0 endpoint:
/// `POST {authority}/{tenant}/oauth2/v2.0/token`, form-encoded (Microsoft Learn, "OAuth 2.0 client
/// credentials flow"). The authority is configurable so tests can use a loopback endpoint.
public struct TokenRequest: Sendable {
    public enum Credential: Sendable {
        case clientSecret(Secret)
        case certificate(SigningCertificate, ClientAssertion.Algorithm)
    }

    public static let defaultAuthority = "https://login.microsoftonline.com"
    /// App-only SMTP must ask for this scope: "You must use https://outlook.office365.com/.default
    /// in the scope property" (Microsoft Learn, OAuth for IMAP, POP and SMTP; docs/relay.md#oauth-for-smtp-xoauth2).
    public static let smtpScope = "https://outlook.office365.com/.default"
    /// Microsoft Graph, for the bridge's sendMail route.
    public static let graphScope = "https://graph.microsoft.com/.default"

    public var authority: String
    public var tenant: String
    public var clientID: String
    public var scope: String
    public var credential: Credential

    public init(authority: String = defaultAuthority, tenant: String, clientID: String, scope: String = smtpScope, credential: Credential) {
        self.authority = authority
        self.tenant = tenant
        self.clientID = clientID
        self.scope = scope
        self.credential = credential
    }

    public var tokenURL: String {
        var base = authority
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/\(tenant)/oauth2/v2.0/token"
    }

    /// The form body. A secret: it holds the client secret or the signed assertion.
    public func body(now: Date = Date()) throws -> Secret {
        let fields: [(String, String)] = [("client_id", clientID), ("scope", scope), ("grant_type", "client_credentials")]
        return Self.formBody(fields + (try credential.formFields(clientID: clientID, tokenURL: tokenURL, now: now)))
    }

    /// `name=value&...`, form-encoded. A secret: the fields usually carry a client credential.
    public static func formBody(_ fields: [(String, String)]) -> Secret {
        Secret(fields.map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&"))
    }

    /// application/x-www-form-urlencoded (WHATWG URL standard): unreserved characters stay, the
    /// rest are percent-encoded.
    public static func formEncode(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "*"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += "%" + byte.zeroPadded(2, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
