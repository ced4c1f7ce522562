import Foundation
import OpenIDConnect

/// Team mode's sign-in with Microsoft Entra ID: OpenIDConnect's `EntraSignIn` (authorization code
/// with PKCE; the ID token checked against the tenant's published keys) behind the dashboard's
/// `TeamSignIn`. The app roles `Viewer` and `Editor` decide the role (docs/dashboard-sign-in.md);
/// a person holding neither is refused.
public struct EntraTeamSignIn: TeamSignIn {
    public let signIn: EntraSignIn

    public init(signIn: EntraSignIn) {
        self.signIn = signIn
    }

    public func begin() async throws -> URL { try await signIn.begin() }

    /// The person is named by their display name and sign-in name (the token's preferred_username,
    /// unique in the tenant), as the audit trail shows them.
    public func complete(code: String, state: String) async throws -> DashboardUser {
        let identity = try await signIn.complete(code: code, state: state)
        let role: DashboardUser.Role = try identity.dashboardRole() == .editor ? .editor : .viewer
        return DashboardUser(name: Self.name(identity), role: role)
    }

    public func refused(state: String, error: String, description: String) async -> String {
        String(describing: await signIn.authorizationFailed(state: state, error: error, description: description))
    }

    static func name(_ identity: SignedInIdentity) -> String {
        if identity.username.isEmpty { return identity.name }
        if identity.name.isEmpty { return identity.username }
        return "\(identity.name) <\(identity.username)>"
    }
}
