/// One certificate or client secret of an app that sends mail or runs Exchange Online
/// automation app-only: the register's `appCredentials` section (docs/register-schema.md).
///
/// The migration replaces passwords with app registrations whose credentials expire; an
/// expired one stops the app's token requests, and with them its mail. Read from Graph
/// `keyCredentials` and `passwordCredentials` (Microsoft Learn, "keyCredential resource type",
/// "passwordCredential resource type"): Graph never returns a secret's value, and neither does
/// the register.
public struct AppCredentialRow: Sendable, Codable, Equatable {
    public var appId: String
    public var appName: String
    /// The watched application permissions the app holds (AppCredentialPolicy.watchedPermissions).
    public var permissions: [String]
    public var kind: AppCredentialKind
    /// The credential's display name (a certificate's subject, a secret's description), or its key ID.
    public var name: String
    public var keyId: String
    /// `endDateTime`; nil when Graph gave none.
    public var expires: Timestamp?
    public var status: AppCredentialStatus
    /// Whole days from the register's day to the expiry (negative once expired); nil without an expiry.
    public var daysLeft: Int?
    /// A client secret on such an app: Microsoft advises a certificate (AppCredentialPolicy.certificateSource).
    public var certificateAdvised: Bool
    /// Senders and scripts known to use this app (by app ID): "sender a@contoso.com", "script jobs/report.ps1".
    public var dependents: [String]
    /// What to do, in words, with the public source.
    public var advice: [String]
    /// Where it was read (file:line).
    public var evidence: [String]

    /// Every key is written, `null` when nil (docs/schemas/register.schema.json).
    enum CodingKeys: String, NullWritingKey {
        case appId, appName, permissions, kind, name, keyId, expires, status, daysLeft, certificateAdvised, dependents, advice, evidence
    }

    public init(
        appId: String, appName: String, permissions: [String], kind: AppCredentialKind, name: String, keyId: String,
        expires: Timestamp?, status: AppCredentialStatus, daysLeft: Int?, certificateAdvised: Bool, dependents: [String],
        advice: [String], evidence: [String]
    ) {
        self.appId = appId
        self.appName = appName
        self.permissions = permissions
        self.kind = kind
        self.name = name
        self.keyId = keyId
        self.expires = expires
        self.status = status
        self.daysLeft = daysLeft
        self.certificateAdvised = certificateAdvised
        self.dependents = dependents
        self.advice = advice
        self.evidence = evidence
    }

    /// Expired, expiring within the warning window, or a secret where a certificate is advised.
    public var needsAttention: Bool { status == .expired || status == .expiring || certificateAdvised }
}

/// Graph `keyCredentials` hold certificates, `passwordCredentials` client secrets.
public enum AppCredentialKind: String, Sendable, Codable, CaseIterable {
    case certificate
    case clientSecret = "client-secret"

    public var words: String { self == .certificate ? "certificate" : "client secret" }
}

/// Where a credential stands on the register's day.
public enum AppCredentialStatus: String, Sendable, Codable, CaseIterable {
    case expired
    /// Expires within the warning window (`--credential-warn-days`).
    case expiring
    case valid
    /// Graph gave no `endDateTime`.
    case noExpiry = "no-expiry"
}
