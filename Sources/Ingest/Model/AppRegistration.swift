import AuthShiftCore

/// An app registration (Graph `application`) or a service principal (Graph
/// `servicePrincipal`), as `collect graph --app-credentials` writes it or as a Graph export
/// gives it: the credentials it carries and, for a service principal, the app roles it
/// defines and the app roles granted to it (`appRoleAssignments`). Microsoft Learn,
/// "application resource type", "servicePrincipal resource type", "appRoleAssignment resource type".
public struct AppRegistration: Sendable, Equatable, Codable {
    public enum Object: String, Sendable, Codable {
        case application
        case servicePrincipal = "service-principal"
    }

    public var object: Object
    /// The application (client) ID, lower-cased: what senders and scripts sign in with.
    public var appId: String
    public var displayName: String
    public var credentials: [AppCredentialEntry]
    /// The app roles this service principal defines, by role ID (lower-cased) → permission name.
    public var appRoles: [String: String]
    /// The role IDs (lower-cased) granted to this service principal.
    public var grantedRoleIds: [String]
    public var location: ExportLocation
}

/// One `keyCredential` or `passwordCredential`: never a secret, only its name, ID and dates.
public struct AppCredentialEntry: Sendable, Equatable, Codable {
    public var kind: AppCredentialKind
    public var displayName: String?
    public var keyId: String
    /// The first characters of a secret (`hint`), shown where it has no display name.
    public var hint: String?
    public var endDateTime: Timestamp?
    /// A certificate's `usage`: `Verify` for sign-in certificates, `Sign` for SAML token signing.
    public var usage: String?

    /// What people see: the display name, else the hint, else the key ID.
    public var name: String { displayName ?? hint.map { "\($0)…" } ?? keyId }
}
