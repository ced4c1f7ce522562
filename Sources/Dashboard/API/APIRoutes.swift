import AuthShiftCore
import Foundation
import Hummingbird
import Workspace

/// The JSON API under /api/v1: the same data as the pages, the same session and the same checks
/// (`Guard`). A write (`PATCH /api/v1/sender`) needs an Editor's session cookie, the session's
/// CSRF token in `X-CSRF-Token` (from `GET /api/v1/session`) and an `Origin` naming this server;
/// there are no bearer tokens, so a page of another site can neither read nor write.
struct APIRoutes {
    let reader: WorkspaceReader
    let now: @Sendable () -> Date

    /// Every route, as the OpenAPI document must list it (checked by a test).
    static let routes: [(method: String, path: String)] = [
        ("get", "/api/v1/session"), ("get", "/api/v1/status"), ("get", "/api/v1/senders"), ("get", "/api/v1/sender"),
        ("patch", "/api/v1/sender"), ("get", "/api/v1/audit"), ("get", "/api/v1/openapi.json"),
    ]

    struct SessionInfo: Encodable {
        var name: String
        var role: String
        var csrfToken: String
    }

    /// The body of `PATCH /api/v1/sender`: the sender, and the fields to set (null or "" clears).
    struct EditRequest: Decodable {
        var address: String
        var system: String?
        var tenant: String?
        var owner: String??
        var path: String??
        var cutoverDate: String??
        var ticket: String??
        var note: String??
        var state: String?
    }

    func add(to router: Router<DashboardContext>) {
        let api = router.group("/api/v1")
        api.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        api.get("/session") { _, context in
            let s = try Guard.reader(context)
            return try Respond.json(SessionInfo(name: s.user.name, role: s.user.role.rawValue, csrfToken: s.csrfToken))
        }
        api.get("/status") { request, context in
            _ = try Guard.reader(context)
            let tenant = try request.query("tenant")
            return try Respond.json(try await reader.run { try $0.status(tenant: tenant) })
        }
        api.get("/senders") { request, context in
            _ = try Guard.reader(context)
            let query = try SenderFilter(request).query
            return try Respond.json(try await reader.run { try $0.senders(query) })
        }
        api.get("/sender") { request, context in
            _ = try Guard.reader(context)
            let selector = try PageRoutes.selector(
                address: try request.query("address"), system: try request.query("system"), tenant: try request.query("tenant"))
            return try Respond.json(try await reader.run { try $0.sender(selector) })
        }
        api.get("/audit") { request, context in
            _ = try Guard.reader(context)
            let tenant = try request.query("tenant")
            let after = try request.query("after").flatMap { Int64($0) }
            let limit = min(1_000, max(1, Int(try request.query("limit") ?? "100") ?? 100))
            return try Respond.json(try await reader.run { try $0.audit(tenant: tenant, after: after, limit: limit) })
        }
        api.patch("/sender") { request, context in try await edit(request, context) }
    }

    func edit(_ request: Request, _ context: DashboardContext) async throws -> Response {
        let session = try Guard.writer(request, context, formToken: nil)
        let buffer = try await request.body.collect(upTo: FormBody.limit)
        let body: EditRequest
        do {
            body = try JSONDecoder().decode(EditRequest.self, from: Data(buffer: buffer))
        } catch {
            throw PageError(.badRequest, "The body must be JSON like {\"address\": \"...\", \"owner\": \"...\"}.")
        }
        let given: [(SenderField, String??)] = [
            (.owner, body.owner), (.path, body.path), (.cutoverDate, body.cutoverDate), (.ticket, body.ticket), (.note, body.note),
            (.state, body.state.map { Optional($0) }),
        ]
        let edits: [SenderEdit]
        do {
            edits = try given.compactMap { field, value in try value.map { try SenderEdit(field, $0, file: "request") } }
        } catch let error as WorkspaceError {
            throw PageError(.badRequest, error.description)
        }
        let selector = SenderSelector(sender: body.address, system: body.system, tenant: body.tenant)
        let author = EditAuthor(name: session.user.name, at: Timestamp(now()))
        return try Respond.json(try await reader.run { try $0.edit(selector, edits, by: author, origin: .edit) })
    }
}
