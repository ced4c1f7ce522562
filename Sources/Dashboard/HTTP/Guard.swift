import Hummingbird

/// The authorization checks every route goes through: reads need a session; writes need a
/// session whose person is an Editor, a request from this server's own pages (Origin), and the
/// session's CSRF token (form field `csrf` or header `X-CSRF-Token`).
enum Guard {
    static let csrfHeader = HTTPFields.Element.Name("X-CSRF-Token")!

    static func reader(_ context: DashboardContext) throws -> DashboardSession {
        guard let session = context.session else { throw PageError.notSignedIn }
        return session
    }

    /// Checks a write; `formToken` is the form's `csrf` field when the body is a form.
    static func writer(_ request: Request, _ context: DashboardContext, formToken: String?) throws -> DashboardSession {
        let session = try reader(context)
        guard session.user.mayEdit else { throw PageError.viewerOnly }
        try sameOrigin(request)
        let given = formToken ?? request.headers[csrfHeader]
        guard let given, RandomToken.equal(given, session.csrfToken) else {
            throw PageError(
                .forbidden, "The form is stale or did not come from this dashboard (CSRF token missing or wrong); reload the page.")
        }
        return session
    }

    static let fetchSite = HTTPFields.Element.Name("Sec-Fetch-Site")!

    /// Browsers send Origin on every POST, PUT, PATCH and DELETE: it must name this server (the
    /// Host header's authority). Under `Referrer-Policy: no-referrer` Chromium sends
    /// `Origin: null` for a form on the page itself, so "null" (or no Origin) is accepted only
    /// with the browser's own `Sec-Fetch-Site: same-origin` (Fetch Metadata, which pages cannot
    /// set). A client outside a browser sends `Origin: http://HOST:PORT` itself with the token
    /// from `/api/v1/session`.
    static func sameOrigin(_ request: Request) throws {
        guard let host = request.head.authority else { throw PageError(.badRequest, "The request names no Host.") }
        let origin = request.headers[.origin]
        if let origin, origin != "null" {
            guard origin == "http://\(host)" || origin == "https://\(host)" else {
                throw PageError(.forbidden, "A write must come from this dashboard's pages (Origin \(origin) is another site).")
            }
            return
        }
        guard request.headers[fetchSite] == "same-origin" else {
            throw PageError(.forbidden, "A write must come from this dashboard's pages (no Origin naming this server).")
        }
    }
}
