import AuthShiftCore
import Workspace

/// The edit form of a sender page: owner, chosen path, cutover date, ticket, note and state,
/// posted to /sender/edit with the session's CSRF token.
enum EditForm {
    /// Form field names and the workspace fields they set.
    static let fields: [(name: String, field: SenderField)] = [
        ("owner", .owner), ("path", .path), ("cutover", .cutoverDate), ("ticket", .ticket), ("note", .note), ("state", .state),
    ]

    static func html(_ s: SenderSummary, csrf: String) -> HTML {
        func options(_ values: [String], selected: String?, blank: Bool) -> HTML {
            var out: HTML = blank ? "<option value=\"\">not chosen</option>" : ""
            for v in values { out += "<option value=\"\(v)\"\(v == selected ? HTML(" selected") : "")>\(v)</option>" }
            return out
        }
        var states = LifecycleState.allCases.filter(\.isManual).map(\.rawValue)
        if !s.state.isManual { states.insert(s.state.rawValue, at: 0) }
        let paths = options(MigrationPath.allCases.map(\.rawValue), selected: s.path, blank: true)
        return """
            <h2>Change</h2>
            <form class="edit" method="post" action="/sender/edit">
            <input type="hidden" name="csrf" value="\(csrf)">
            <input type="hidden" name="address" value="\(s.sender)"><input type="hidden" name="system" value="\(s.system)">
            <input type="hidden" name="tenant" value="\(s.tenant)">
            <label>Owner <input name="owner" value="\(s.owner, or: "")"></label>
            <label>Chosen path <select name="path">\(paths)</select></label>
            <label>Cutover date <input name="cutover" type="date" value="\(s.cutoverDate?.description, or: "")"></label>
            <label>Ticket <input name="ticket" value="\(s.ticket, or: "")"></label>
            <label>State <select name="state">\(options(states, selected: s.state.rawValue, blank: false))</select></label>
            <label>Note <textarea name="note" rows="2">\(s.note, or: "")</textarea></label>
            <div><button type="submit">Save</button></div>
            </form>
            """
    }
}
