import AuthShiftCore
import Foundation
import Hummingbird
import Workspace

/// The sender edit form's POST: checks the writer (Editor, Origin, CSRF), turns each field into a
/// checked `SenderEdit`, and applies them through `WorkspaceStore.edit` under the signed-in
/// person's name, so each change becomes an audit row. Bad values re-show the page with the
/// message, status 400.
struct EditRoutes {
    let reader: WorkspaceReader
    let now: @Sendable () -> Date

    func add(to router: Router<DashboardContext>) {
        router.post("/sender/edit") { request, context in try await edit(request, context) }
    }

    func edit(_ request: Request, _ context: DashboardContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let session = try Guard.writer(request, context, formToken: form["csrf"] ?? "")
        let selector = try PageRoutes.selector(address: form["address"], system: form["system"], tenant: form["tenant"])
        let current = try await reader.run { try $0.sender(selector) }.summary
        let edits: [SenderEdit]
        do {
            edits = try Self.changes(form, from: current)
        } catch let error as WorkspaceError {
            let detail = try await reader.run { try $0.sender(selector) }
            let message: HTML = "<p class=\"error\" role=\"alert\">Nothing was saved: \(error.description)</p>"
            let body = SenderDetailPage.html(detail, session: session, message: message)
            return Respond.html(Layout.page(title: detail.summary.sender, session: session, body: body), status: .badRequest)
        }
        let author = EditAuthor(name: session.user.name, at: Timestamp(now()))
        if !edits.isEmpty { _ = try await reader.run { try $0.edit(selector, edits, by: author, origin: .edit) } }
        return Respond.redirect(SenderLink.href(current) + "&saved=1")
    }

    /// The form's fields that differ from the sender's current values, checked. A form posts
    /// every field; only the changed ones become edits (and audit rows), so an unchanged state
    /// set by evidence (verified, regressed) is not re-submitted as if a person set it.
    static func changes(_ form: [String: String], from s: SenderSummary) throws -> [SenderEdit] {
        let currentValues: [SenderField: String?] = [
            .owner: s.owner, .path: s.path, .cutoverDate: s.cutoverDate?.description, .ticket: s.ticket, .note: s.note,
            .state: s.state.rawValue,
        ]
        return try EditForm.fields.compactMap { name, field in
            guard let given = form[name] else { return nil }
            let trimmed = given.trimmingCharacters(in: .whitespacesAndNewlines)
            let old = currentValues[field] ?? nil
            if trimmed == (old ?? "") { return nil }
            return try SenderEdit(field, trimmed, file: "form")
        }
    }
}
