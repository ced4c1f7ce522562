import Foundation
import Hummingbird

/// One JSON line per request: when, method, path (never the query, which carries the
/// sign-in token and search terms), status, duration and the signed-in name. No cookie,
/// token or header value is ever written.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = DashboardContext
    let sink: @Sendable (String) -> Void

    struct Line: Encodable {
        var time: String
        var method: String
        var path: String
        var status: Int
        var ms: Double
        var user: String?
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let line = Line(
            time: ISO8601DateFormatter().string(from: Date()), method: request.method.rawValue, path: request.uri.path,
            status: response.status.code, ms: (ms * 10).rounded() / 10, user: context.session?.user.name)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(line), let text = String(data: data, encoding: .utf8) { sink(text) }
        return response
    }
}
