import Foundation

/// Team mode's sign-in, implemented by the OpenID Connect module (Microsoft Entra ID) and by
/// test doubles. The dashboard only routes: `/signin` sends the browser to `begin()`, and
/// `/signin/callback` hands the provider's `code` and `state` to `complete`, which checks them
/// (state, PKCE, the ID token) and names the person and their role, or throws.
public protocol TeamSignIn: Sendable {
    /// Where to send the browser to sign in.
    func begin() async throws -> URL
    /// Exchanges the provider's answer for the signed-in person; throws when it does not check out.
    func complete(code: String, state: String) async throws -> DashboardUser
    /// The provider sent the browser back with an error instead of a code: uses up the state and
    /// says why in an admin's words.
    func refused(state: String, error: String, description: String) async -> String
}

extension TeamSignIn {
    public func refused(state: String, error: String, description: String) async -> String {
        description.isEmpty ? error : "\(error): \(description)"
    }
}
