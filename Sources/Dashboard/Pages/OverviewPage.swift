import AuthShiftCore
import Reports
import Workspace

/// Where the migration stands: regressions first (the alert that matters most), then per
/// tenant the countdown to the default change, the burn-down across runs, and the counts by
/// lifecycle state and path; with several tenants, the sum over all of them too.
enum OverviewPage {
    static func html(status: WorkspaceStatus, progress: MigrationProgress, today: CalendarDay) -> HTML {
        var out: HTML = ""
        if status.tenants.isEmpty {
            return "<p>No run is stored yet. Store one with <code>authshift assess EXPORTS --workspace DIR</code>.</p>"
        }
        out += "<h2>Regressions</h2>"
        if status.regressions.isEmpty {
            out += "<p class=\"ok\">No sender has regressed: nothing verified or retired shows Basic again.</p>"
        } else {
            out += "<p class=\"bad\">\(status.regressions.count) sender(s) verified or retired earlier show Basic again.</p>"
            out += RegisterPage.table(status.regressions).html(id: "regressions")
        }
        for tenant in status.tenants {
            out += tenantSection(tenant, chart: progress.tenants.first { $0.name == tenant.tenant }, today: today)
        }
        if let all = status.all {
            out += "<h2>All tenants</h2>" + counts(all, tenant: nil, id: "all")
        }
        return out
    }

    static func tenantSection(_ t: TenantStatus, chart: MigrationProgress.Tenant?, today: CalendarDay) -> HTML {
        let changeDay = t.defaultChangeDate ?? Timeline.current.defaultChangeDate
        let days = today.days(until: changeDay)
        let countdown: HTML =
            days >= 0
            ? "<span class=\"big\">\(days)</span> days to the default change on \(changeDay.description)"
            : "<span class=\"big bad\">\(-days)</span> days since the default change on \(changeDay.description)"
        var out: HTML = """
            <h2>\(t.tenant)</h2>
            <div class="cards">
            <div class="card">\(countdown)</div>
            <div class="card"><span class="big">\(t.basicSendersNow)</span> senders on Basic now \
            (\(t.basicSendersAtFirstRun) at the first run)</div>
            <div class="card"><span class="big\(t.breakingNow > 0 ? HTML(" bad") : "")">\(t.breakingNow)</span> \
            break at the default change</div>
            <div class="card"><span class="big">\(t.senders)</span> senders, \(t.runs) run(s), \
            latest \(t.latestRunAsOf?.description, or: "none")</div>
            </div>
            """
        if let chart, !chart.points.isEmpty {
            // The chart is built by Reports from numbers and dates only; its title is escaped there.
            out += HTML.trustedSVG(BurnDownChart.svg(chart))
        }
        out += counts(t, tenant: t.tenant, id: "t-\(t.tenant)")
        if !t.exceptionsExpiring.isEmpty {
            out +=
                "<p class=\"warn\">\(t.exceptionsExpiring.count) exception(s) expiring or expired: "
                + "see <a href=\"/exceptions\">Exceptions</a>.</p>"
        }
        return out
    }

    /// Senders by state and by path, each count a link to the register filtered on it (`tenant`
    /// nil for the sum over all tenants).
    static func counts(_ t: TenantStatus, tenant: String?, id: String) -> HTML {
        var byState = DataTable(name: "states", columns: ["Lifecycle state", "Senders"], numeric: [1])
        byState.rows = LifecycleState.allCases.map { state in
            [
                .link(state.rawValue, href: "/senders" + QueryString.make([("tenant", tenant), ("state", state.rawValue)])),
                .number(t.byState[state.rawValue] ?? 0),
            ]
        }
        var byPath = DataTable(name: "paths", columns: ["Path", "Senders"], numeric: [1])
        byPath.rows = t.byPath.keys.sorted().map { path in
            [.link(path, href: "/senders" + QueryString.make([("tenant", tenant), ("path", path)])), .number(t.byPath[path])]
        }
        return "<div class=\"cards\"><div>\(byState.html(id: id + "-states"))</div><div>\(byPath.html(id: id + "-paths"))</div></div>"
    }
}
