import Hummingbird

/// A refusal or failure a person should read: rendered as a small page (or JSON under /api)
/// by `ErrorPageMiddleware`, so even errors carry the security headers.
struct PageError: Error {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    static let notSignedIn = PageError(.unauthorized, "Not signed in. Open the sign-in link that authshift serve printed when it started.")
    static let viewerOnly = PageError(.forbidden, "Your role is Viewer: you can read the workspace but not change it.")
}
