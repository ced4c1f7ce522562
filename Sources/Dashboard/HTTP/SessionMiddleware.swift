import Hummingbird

/// Finds the session the cookie names and puts it on the context; routes decide what a missing
/// session means (`Guard`).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = DashboardContext
    static let cookieName = "authshift_session"
    let sessions: SessionStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let id = request.cookies[Self.cookieName]?.value, let session = await sessions.session(id) {
            context.session = session
            context.sessionID = id
        }
        return try await next(request, context)
    }
}
