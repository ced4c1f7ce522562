import Hummingbird

/// The request context: Hummingbird's core storage plus the session the cookie named, set by
/// `SessionMiddleware` before any route runs.
public struct DashboardContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: DashboardSession?
    /// The session cookie's value, for sign-out.
    var sessionID: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
