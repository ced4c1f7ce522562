import AuthShiftCore
import Workspace

/// The sender register: filters (state, path, ring, owner, tenant, Basic, search), sort, and
/// server-side pages, so 100,000 senders cost one indexed query and one page of rows.
enum RegisterPage {
    static func table(_ rows: [SenderSummary]) -> DataTable {
        var table = DataTable(
            name: "senders",
            columns: [
                "Sender", "System", "Tenant", "State", "Since", "Owner", "Path", "Recommended", "Cutover", "Ticket", "Ring", "Auth",
                "Basic", "Breaks at default change", "Last seen", "Note",
            ])
        table.rows = rows.map { s in
            [
                .link(s.sender, href: SenderLink.href(s)), .text(s.system), .text(s.tenant), .text(s.state.rawValue),
                .text(s.stateSince.description),
                .text(s.owner), .text(s.path), .text(s.recommendedPath), .text(s.cutoverDate?.description), .text(s.ticket), .text(s.ring),
                .text(s.currentAuth.rawValue), .text(s.basic ? "yes" : "no"), .text(s.breaksAtDefaultChange ? "yes" : "no"),
                .text(s.lastSeenAsOf.description), .text(s.note),
            ]
        }
        return table
    }

    static func html(_ page: SenderPage, filter: SenderFilter, tenants: [String]) -> HTML {
        let q = filter.query
        func options(_ values: [String], selected: String?, any: String) -> HTML {
            var out: HTML = "<option value=\"\">\(any)</option>"
            for v in values { out += "<option value=\"\(v)\"\(v == selected ? HTML(" selected") : "")>\(v)</option>" }
            return out
        }
        let states = options(LifecycleState.allCases.map(\.rawValue), selected: q.state?.rawValue, any: "any")
        let paths = options(MigrationPath.allCases.map(\.rawValue), selected: q.path, any: "any")
        let basic = options(["yes", "no"], selected: q.basic.map { $0 ? "yes" : "no" }, any: "either")
        let sorts = options(SenderQuery.Sort.allCases.filter { $0 != .sender }.map(\.rawValue), selected: q.sort.rawValue, any: "sender")
        let form: HTML = """
            <form class="filters" method="get" action="/senders">
            <label>Search <input type="search" name="q" value="\(q.search, or: "")" \
            placeholder="address, system, owner, ticket, note"></label>
            <label>Tenant <select name="tenant">\(options(tenants, selected: q.tenant, any: "all"))</select></label>
            <label>State <select name="state">\(states)</select></label>
            <label>Path <select name="path">\(paths)</select></label>
            <label>Ring <input name="ring" value="\(q.ring, or: "")" size="8"></label>
            <label>Owner <input name="owner" value="\(q.owner, or: "")" size="14"></label>
            <label>Basic <select name="basic">\(basic)</select></label>
            <label>Sort <select name="sort">\(sorts)</select></label>
            <label>Order <select name="order">\(options(["desc"], selected: q.descending ? "desc" : nil, any: "ascending"))</select></label>
            <button type="submit">Apply</button>
            </form>
            """
        let first = page.total == 0 ? 0 : page.offset + 1
        let last = page.offset + page.rows.count
        var pager: HTML = "<nav class=\"pager\" aria-label=\"pages\"><span>\(first)–\(last) of \(page.total)</span>"
        if page.offset > 0 {
            let previous = "/senders" + QueryString.make(filter.pairs + [("offset", String(max(0, page.offset - filter.pageSize)))])
            pager += "<a href=\"\(previous)\" rel=\"prev\">Previous</a>"
        }
        if last < page.total {
            let next = "/senders" + QueryString.make(filter.pairs + [("offset", String(last))])
            pager += "<a href=\"\(next)\" rel=\"next\">Next</a>"
        }
        pager += "</nav>"
        return form + DownloadLinks.html(path: "/senders", query: filter.pairs) + pager + table(page.rows).html(id: "senders") + pager
    }
}
