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
}
