import AuthShiftCore
import Workspace

/// A tenant's mailboxes from its latest run: the effective SMTP AUTH state and the explanation
/// of how it was decided, searched and paged on the server.
enum MailboxesPage {
    static func table(_ rows: [MailboxRow]) -> DataTable {
        var table = DataTable(
            name: "mailboxes",
            columns: [
                "Address", "Display name", "Type", "SMTP AUTH", "Decided by", "Basic allowed", "Blocked by", "Policy",
                "Seen using SMTP AUTH",
                "Explanation",
            ])
        table.rows = rows.map { m in
            [
                .text(m.address), .text(m.displayName), .text(m.recipientType),
                .text(m.smtpAuth.enabled.map { $0 ? "enabled" : "disabled" } ?? "unknown"),
                .text(m.smtpAuth.decidedBy.rawValue), .text(m.basicAllowed.map { $0 ? "yes" : "no" } ?? "unknown"),
                .text(m.basicBlockedBy.map(\.layer.rawValue).joined(separator: ", ")), .text(m.policy ?? m.policySource),
                .text(m.observedSmtpAuth ? "yes" : "no"), .text(m.explanation.joined(separator: " ")),
            ]
        }
        return table
    }

    static func html(_ page: MailboxPage, tenant: String, tenants: [String], search: String?, pageSize: Int) -> HTML {
        var options: HTML = ""
        for t in tenants { options += "<option value=\"\(t)\"\(t == tenant ? HTML(" selected") : "")>\(t)</option>" }
        let pairs: [(String, String?)] = [("tenant", tenant), ("q", search)]
        var pager: HTML =
            "<nav class=\"pager\"><span>\(page.total == 0 ? 0 : page.offset + 1)–\(page.offset + page.rows.count) of \(page.total)</span>"
        if page.offset > 0 {
            pager +=
                "<a href=\"\("/mailboxes" + QueryString.make(pairs + [("offset", String(max(0, page.offset - pageSize)))]))\">Previous</a>"
        }
        if page.offset + page.rows.count < page.total {
            pager += "<a href=\"\("/mailboxes" + QueryString.make(pairs + [("offset", String(page.offset + page.rows.count))]))\">Next</a>"
        }
        pager += "</nav>"
        return """
            <form class="filters" method="get" action="/mailboxes">
            <label>Tenant <select name="tenant" data-autosubmit>\(options)</select></label>
            <label>Address contains <input type="search" name="q" value="\(search, or: "")"></label>
            <button type="submit">Apply</button></form>
            <p>Run \(page.run).</p>
            \(DownloadLinks.html(path: "/mailboxes", query: pairs))\(pager)\(table(page.rows).html(id: "mailboxes"))
            """
    }
}
