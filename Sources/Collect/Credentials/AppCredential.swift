import AuthShiftCore
import Foundation

/// A certificate or client secret of an app that sends mail or runs Exchange Online automation
/// app-only, read from Graph `applications` and `servicePrincipals` (`keyCredentials`,
/// `passwordCredentials`, Microsoft Learn, "application resource type"). Never holds the secret:
/// Graph returns only its hint, ID and dates.
public struct AppCredential: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case certificate
        case clientSecret = "client-secret"
    }

    public var appID: String
    public var appName: String
    public var kind: Kind
    /// The credential's display name (a certificate's subject, a secret's description).
    public var name: String
    public var keyID: String
    public var expires: Date?
    /// The watched application permissions the app holds (granted app role assignments).
    public var permissions: [String]

    public init(appID: String, appName: String, kind: Kind, name: String, keyID: String, expires: Date?, permissions: [String]) {
        self.appID = appID
        self.appName = appName
        self.kind = kind
        self.name = name
        self.keyID = keyID
        self.expires = expires
        self.permissions = permissions
    }
}

/// What is wrong with one credential, with the public source of the advice.
public struct AppCredentialFinding: Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        case expired(daysAgo: Int)
        case expiresSoon(inDays: Int)
        /// A client secret on an app that sends mail or runs Exchange automation.
        case secretWhereCertificateAdvised
    }

    public var credential: AppCredential
    public var problem: Problem

    /// "Microsoft recommends that you use a certificate instead of a client secret before moving
    /// the application to a production environment" (Microsoft Learn, "Add and manage application
    /// credentials in Microsoft Entra ID").
    public static let certificateSource = AppCredentialPolicy.certificateSource

    public var sentence: String {
        let app = "\(credential.appName) (\(credential.appID), \(credential.permissions.joined(separator: ", ")))"
        let what = credential.kind == .certificate ? "certificate" : "client secret"
        switch problem {
        case .expired(let days):
            return "\(app): the \(what) \"\(credential.name)\" expired \(days) day(s) ago; the app's token requests fail with it"
        case .expiresSoon(let days):
            return
                "\(app): the \(what) \"\(credential.name)\" expires in \(days) day(s); add its successor to the app and the senders before then"
        case .secretWhereCertificateAdvised:
            return
                "\(app): uses the client secret \"\(credential.name)\"; Microsoft recommends a certificate instead of a client secret in production (\(Self.certificateSource))"
        }
    }
}
