/// Who signed in, from a validated ID token (Microsoft Learn, "ID token claims reference"): `name` to show,
/// `preferred_username` to show and audit (it can change, so it is not a key), `oid` as the stable
/// identifier of the user in the tenant, and the app roles assigned to them in `roles`.
public struct SignedInIdentity: Sendable, Equatable {
    public var name: String
    public var username: String
    public var objectID: String
    public var roles: [String]

    public init(name: String, username: String, objectID: String, roles: [String]) {
        self.name = name
        self.username = username
        self.objectID = objectID
        self.roles = roles
    }

    /// The dashboard role from the app roles: `Editor` if assigned (it includes reading), else `Viewer`;
    /// neither is a refusal, never a default, because an unassigned user of the tenant must see nothing.
    /// The values are the app roles' Value fields in the registration (docs/dashboard-sign-in.md), matched
    /// exactly: Entra ID emits them as defined (Microsoft Learn, "Add app roles to your application and
    /// receive them in the token", https://learn.microsoft.com/entra/identity-platform/howto-add-app-roles-in-apps).
    public func dashboardRole() throws(SignInError) -> DashboardRole {
        if roles.contains(DashboardRole.editor.appRoleValue) { return .editor }
        if roles.contains(DashboardRole.viewer.appRoleValue) { return .viewer }
        throw .noAppRole(username: username.isEmpty ? objectID : username, roles: roles)
    }
}

/// What a signed-in person may do on the dashboard: a Viewer reads, an Editor also changes the workspace.
public enum DashboardRole: String, Sendable, CaseIterable {
    case viewer
    case editor

    /// The app role's Value in the app registration, what the `roles` claim carries.
    public var appRoleValue: String {
        switch self {
        case .viewer: return "Viewer"
        case .editor: return "Editor"
        }
    }
}
