import AuthShiftCore
import Workspace

/// One sender: its workspace fields (with the edit form for editors), the latest evidence, the
/// effective SMTP AUTH state and why, the recommendation with its reasons and watch points, and
/// the timeline of runs and edits.
enum SenderDetailPage {
    static func html(_ d: SenderDetail, session: DashboardSession, message: HTML = "") -> HTML {
        let s = d.summary
        let row = d.latest
        var out: HTML = message
        out += """
            <dl class="facts">
            <dt>System</dt><dd>\(s.system)</dd><dt>Tenant</dt><dd>\(s.tenant)</dd>
            <dt>State</dt><dd>\(s.state.rawValue) since \(s.stateSince.description)</dd>
            <dt>Owner</dt><dd>\(s.owner, or: "none")</dd><dt>Chosen path</dt><dd>\(s.path, or: "not chosen")</dd>
            <dt>Cutover</dt><dd>\(s.cutoverDate?.description, or: "not set")</dd><dt>Ticket</dt><dd>\(s.ticket, or: "none")</dd>
            <dt>Note</dt><dd>\(s.note, or: "")</dd><dt>Ring</dt><dd>\(s.ring, or: "none")</dd>
            <dt>Now</dt><dd>\(s.currentAuth.rawValue)\(s.basic ? HTML(", <span class=\"bad\">Basic</span>") : "")\
            \(s.breaksAtDefaultChange ? HTML(", <span class=\"bad\">breaks at the default change</span>") : "")</dd>
            <dt>Last seen</dt><dd>run \(s.lastSeenRun) as of \(s.lastSeenAsOf.description)</dd>
            </dl>
            """
        if session.user.mayEdit { out += EditForm.html(s, csrf: session.csrfToken) }
        out += "<h2>Evidence</h2><ul>" + row.evidence.map { HTML("<li>\($0)</li>") }.joined() + "</ul>"
        out +=
            "<p>Sources: \(row.sources.joined(separator: ", ")); "
            + "sign-ins: \(row.signIns.successes) succeeded, \(row.signIns.failures) failed"
        out += "\(row.signIns.lastSeen.map { ", last \($0)" }, or: "").</p>"
        out += "<h2>Effective SMTP AUTH state</h2>"
        let enabled = row.smtpAuth.enabled.map { $0 ? "enabled" : "disabled" } ?? "unknown"
        out += "<p>SMTP AUTH \(enabled), decided by \(row.smtpAuth.decidedBy.rawValue): \(row.smtpAuth.evidence)</p>"
        if !row.basicBlockedBy.isEmpty {
            out += "<p>Basic is blocked by:</p><ul>"
            out += row.basicBlockedBy.map { HTML("<li>\($0.layer.rawValue): \($0.setting) (\($0.source); \($0.reference))</li>") }.joined()
            out += "</ul>"
        }
        if let c = row.contradiction { out += "<p class=\"warn\">\(c.meaning)</p>" }
        if !row.unknowns.isEmpty {
            out += "<p>Unknown:</p><ul>"
            out += row.unknowns.map { HTML("<li>\($0.what) (settled by \($0.settledBy.joined(separator: ", ")))</li>") }.joined() + "</ul>"
        }
        let r = row.recommendation
        out += """
            <h2>Recommendation: \(r.path.title)</h2>
            <p>Rule \(r.rule), \(r.confidence.rawValue)\(r.nothingToDo ? HTML("; nothing to do") : ""). Source: \(r.source)</p>
            <h3>Why</h3><ul>\(r.why.map { HTML("<li>\($0)</li>") }.joined())</ul>
            """
        if !r.watchPoints.isEmpty { out += "<h3>Watch points</h3><ul>\(r.watchPoints.map { HTML("<li>\($0)</li>") }.joined())</ul>" }
        if !d.exceptions.isEmpty {
            out += "<h2>Exceptions</h2>" + ExceptionsPage.table(d.exceptions.map { ("", $0) }, today: s.lastSeenAsOf).html(id: "exceptions")
        }
        var runs = DataTable(
            name: "runs", columns: ["Run", "As of", "Auth", "Basic", "Breaks", "Failing now", "Successes", "Failures", "Path", "Ring"],
            numeric: [0, 6, 7])
        runs.rows = d.runs.map {
            [
                .number(Int($0.run)), .text($0.asOf.description), .text($0.currentAuth.rawValue), .text($0.basic ? "yes" : "no"),
                .text($0.breaksAtDefaultChange ? "yes" : "no"), .text($0.failingNow ? "yes" : "no"), .number($0.successes),
                .number($0.failures), .text($0.recommendedPath), .text($0.ring),
            ]
        }
        out += "<h2>Runs</h2>" + runs.html(id: "runs")
        out += "<h2>Changes</h2>" + AuditPage.table(d.audit).html(id: "changes")
        return out
    }
}
