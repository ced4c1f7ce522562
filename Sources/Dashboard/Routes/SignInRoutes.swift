import Foundation
import Hummingbird

/// Signing in and out. Loopback mode: `/signin?token=` spends the one-time token printed at
/// start and sets the session cookie. Team mode: `/signin` sends the browser to the provider
/// (`TeamSignIn.begin`), `/signin/callback` completes it. Either way the cookie is HttpOnly,
/// SameSite=Lax, and Secure when the dashboard serves TLS.
struct SignInRoutes {
    let auth: DashboardAuth
    let sessions: SessionStore
    let secureCookies: Bool

    func add(to router: Router<DashboardContext>) {
        router.get("/signin") { request, _ in try await signIn(request) }
        router.get("/signin/callback") { request, _ in try await callback(request) }
        router.post("/signout") { request, context in try await signOut(request, context) }
    }

    func signIn(_ request: Request) async throws -> Response {
        switch auth {
        case .loopback(let user):
            guard let token = try request.query("token"), await sessions.redeem(token) else {
                throw PageError(
                    .forbidden,
                    "This sign-in link is not valid: each link works once. "
                        + "Restart authshift serve for a new one, or use the browser already signed in."
                )
            }
            return await startSession(user)
        case .team(let provider):
            let url = try await provider.begin()
            var response = Respond.redirect(url.absoluteString)
            // The sign-in's state, also kept in this browser: the callback must bring back the same
            // one, so nobody can finish a sign-in they started in someone else's browser (login CSRF).
            if let state = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first(where: { $0.name == "state" })?.value
            {
                response.headers[.setCookie] = stateCookie(state, maxAge: 600)
            }
            return response
        }
    }

    func callback(_ request: Request) async throws -> Response {
        guard case .team(let provider) = auth else { throw PageError(.notFound, "There is no sign-in callback in loopback mode.") }
        guard let state = try request.query("state") else { throw PageError(.badRequest, "The sign-in answer has no state.") }
        guard let started = request.cookies[Self.stateCookieName]?.value, RandomToken.equal(started, state) else {
            throw PageError(
                .forbidden, "This sign-in was not started in this browser (or took longer than 10 minutes). Start again from /signin.")
        }
        // Entra ID sends the browser back with error and error_description instead of a code when
        // it refuses (RFC 6749 section 4.1.2.1): say why, and use up the state.
        if let error = try request.query("error") {
            let why = await provider.refused(state: state, error: error, description: try request.query("error_description") ?? "")
            throw PageError(.forbidden, "Sign-in was refused: \(why)")
        }
        guard let code = try request.query("code") else { throw PageError(.badRequest, "The sign-in answer has no code.") }
        let user: DashboardUser
        do {
            user = try await provider.complete(code: code, state: state)
        } catch {
            throw PageError(.forbidden, "Sign-in was refused: \(error)")
        }
        var response = await startSession(user)
        response.headers[values: .setCookie].append(stateCookie("", maxAge: 0))
        return response
    }

    /// The cookie holding a begun sign-in's state, sent only to the callback.
    static let stateCookieName = "authshift_signin_state"

    func stateCookie(_ value: String, maxAge: Int) -> String {
        cookie(Self.stateCookieName, value, path: "/signin", maxAge: maxAge)
    }

    func startSession(_ user: DashboardUser) async -> Response {
        let (id, _) = await sessions.start(user)
        var response = Respond.redirect("/")
        response.headers[.setCookie] = cookie(id, maxAge: nil)
        return response
    }

    func signOut(_ request: Request, _ context: DashboardContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let session = try Guard.reader(context)
        try Guard.sameOrigin(request)
        guard let token = form["csrf"], RandomToken.equal(token, session.csrfToken) else {
            throw PageError(.forbidden, "The sign-out form did not come from this dashboard (CSRF token missing or wrong).")
        }
        if let id = context.sessionID { await sessions.end(id) }
        var response = Respond.html(Layout.page(title: "Signed out", session: nil, body: "<p>You are signed out.</p>"))
        response.headers[.setCookie] = cookie("", maxAge: 0)
        return response
    }

    func cookie(_ value: String, maxAge: Int?) -> String {
        cookie(SessionMiddleware.cookieName, value, path: "/", maxAge: maxAge)
    }

    /// Every cookie the dashboard sets: HttpOnly, SameSite=Lax, Secure when served over TLS.
    func cookie(_ name: String, _ value: String, path: String, maxAge: Int?) -> String {
        var parts = ["\(name)=\(value)", "Path=\(path)", "HttpOnly", "SameSite=Lax"]
        if secureCookies { parts.append("Secure") }
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        return parts.joined(separator: "; ")
    }
}
