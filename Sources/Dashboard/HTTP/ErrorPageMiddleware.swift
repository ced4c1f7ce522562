import Foundation
import Hummingbird
import Workspace

/// Turns every thrown error into a response this module renders (so it passes the header
/// middleware): a `PageError` keeps its status and message, Hummingbird's own errors keep their
/// status, anything else is a 500 whose details stay in the server's log.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = DashboardContext
    /// In team mode a page asked for without a session sends the browser to sign in.
    let teamMode: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as PageError {
            if teamMode, error.status == .unauthorized, !request.uri.path.hasPrefix("/api/") { return Respond.redirect("/signin") }
            return Self.render(error, request: request, context: context)
        } catch let error as WorkspaceError {
            let status: HTTPResponse.Status =
                switch error.kind {
                case .notFound: .notFound
                case .badValue, .ambiguous: .badRequest
                default: .internalServerError
                }
            return Self.render(PageError(status, error.description), request: request, context: context)
        } catch let error as HTTPResponseError {
            let status = error.status
            return Self.render(PageError(status, status.reasonPhrase), request: request, context: context)
        } catch {
            context.logger.error("request failed: \(String(describing: error))")
            return Self.render(
                PageError(.internalServerError, "Something went wrong; the server's log has the details."), request: request,
                context: context)
        }
    }

    static func render(_ error: PageError, request: Request, context: Context) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            let body = (try? JSONEncoder().encode(["error": error.message])) ?? Data()
            return Response(
                status: error.status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        let page = Layout.page(
            title: "\(error.status.code) \(error.status.reasonPhrase)", session: context.session,
            body: "<p class=\"error\" role=\"alert\">\(error.message)</p>")
        return Response(
            status: error.status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: page.text)))
    }
}
