import AuthShiftCore

/// The burn-down chart of report.html: Basic senders and breaking senders per run, on a time
/// axis that ends at the default-change date. Inline SVG, no script, nothing loaded (the
/// dashboard's overview shows the same chart).
public enum BurnDownChart {
    static let width = 640.0
    static let height = 260.0
    static let left = 48.0
    static let right = 20.0
    static let top = 20.0
    static let bottom = 40.0

    public static func svg(_ tenant: MigrationProgress.Tenant) -> String {
        guard let first = tenant.points.first?.asOf else { return "" }
        let last = max(tenant.defaultChangeDate, tenant.points.last!.asOf)
        let span = Double(max(1, first.days(until: last)))
        let peak = Double(max(1, tenant.points.map { max($0.basicSenders, $0.breakingSenders) }.max() ?? 1))
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ day: CalendarDay) -> Double { left + plotWidth * Double(first.days(until: day)) / span }
        func y(_ value: Int) -> Double { top + plotHeight * (1 - Double(value) / peak) }
        func n(_ v: Double) -> String { String(Int(v.rounded())) }
        let title = "Basic and breaking senders per run, \(tenant.name)"
        var s =
            "<svg class=\"burndown\" role=\"img\" aria-label=\"\(HTMLReport.e(title))\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
            + "width=\"\(n(width))\" height=\"\(n(height))\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>\(HTMLReport.e(title))</title>\n"
        s +=
            "<line x1=\"\(n(left))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(width - right))\" y2=\"\(n(top + plotHeight))\" "
            + "stroke=\"#888\"/>\n"
        s += "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(top + plotHeight))\" stroke=\"#888\"/>\n"
        s += "<text x=\"\(n(left - 6))\" y=\"\(n(top + 4))\" text-anchor=\"end\" font-size=\"11\">\(Int(peak))</text>\n"
        s += "<text x=\"\(n(left - 6))\" y=\"\(n(top + plotHeight))\" text-anchor=\"end\" font-size=\"11\">0</text>\n"
        let change = x(tenant.defaultChangeDate)
        s +=
            "<line class=\"default-change\" x1=\"\(n(change))\" y1=\"\(n(top))\" x2=\"\(n(change))\" y2=\"\(n(top + plotHeight))\" "
            + "stroke=\"#a4262c\" stroke-dasharray=\"4 3\"/>\n"
        s +=
            "<text x=\"\(n(change - 4))\" y=\"\(n(top + 10))\" text-anchor=\"end\" font-size=\"11\" fill=\"#a4262c\">default change "
            + "\(tenant.defaultChangeDate)</text>\n"
        for (label, color, value) in [
            ("Basic senders", "#a4262c", \MigrationProgress.Point.basicSenders),
            ("breaking senders", "#ca5010", \MigrationProgress.Point.breakingSenders),
        ] {
            let points = tenant.points.map { "\(n(x($0.asOf))),\(n(y($0[keyPath: value])))" }.joined(separator: " ")
            s +=
                "<polyline class=\"series\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" "
                + "points=\"\(points)\"><title>\(label)</title></polyline>\n"
            for p in tenant.points {
                s +=
                    "<circle cx=\"\(n(x(p.asOf)))\" cy=\"\(n(y(p[keyPath: value])))\" r=\"3.5\" fill=\"\(color)\">"
                    + "<title>\(p.asOf): \(p[keyPath: value]) \(label)</title></circle>\n"
            }
        }
        for p in [tenant.points.first!, tenant.points.last!] {
            s += "<text x=\"\(n(x(p.asOf)))\" y=\"\(n(height - bottom + 16))\" text-anchor=\"middle\" font-size=\"11\">\(p.asOf)</text>\n"
        }
        s += "<text x=\"\(n(left))\" y=\"\(n(height - 6))\" font-size=\"11\" fill=\"#a4262c\">&#9632; Basic senders</text>\n"
        s +=
            "<text x=\"\(n(left + 140))\" y=\"\(n(height - 6))\" font-size=\"11\" fill=\"#ca5010\">&#9632; breaking at the "
            + "default change</text>\n"
        return s + "</svg>\n"
    }
}

/// The progress section of report.html and report.md.
enum ProgressSection {
    static func htmlBanner(_ p: MigrationProgress?) -> String {
        guard let p else { return "" }
        return "<p class=\"\(p.regressions.isEmpty ? "progress-ok" : "regressed")\" id=\"regressions\">\(HTMLReport.e(p.headline))</p>\n"
    }

    static func html(_ p: MigrationProgress?) -> String {
        guard let p else { return "" }
        var h = "<h2>Progress across runs</h2>\n"
        for t in p.tenants {
            h += "<h3>\(HTMLReport.e(t.name))</h3>\n" + BurnDownChart.svg(t)
            h += "<table class=\"lifecycle\"><thead><tr><th>run as of</th><th>Basic senders</th><th>breaking</th></tr></thead><tbody>\n"
            for point in t.points {
                h += "<tr><td>\(point.asOf)</td><td>\(point.basicSenders)</td><td>\(point.breakingSenders)</td></tr>\n"
            }
            h += "</tbody></table>\n<table class=\"lifecycle\"><thead><tr><th>lifecycle state</th><th>senders</th></tr></thead><tbody>\n"
            for (state, count) in t.states { h += "<tr><td>\(HTMLReport.e(state))</td><td>\(count)</td></tr>\n" }
            h += "</tbody></table>\n"
        }
        return h
    }

    static func markdownBanner(_ p: MigrationProgress?) -> String {
        guard let p else { return "" }
        return "**\(p.headline)**\n\n"
    }

    static func markdown(_ p: MigrationProgress?) -> String {
        guard let p else { return "" }
        var s = "\n## Progress across runs\n"
        for t in p.tenants {
            s +=
                "\n### \(MarkdownReport.cell(t.name))\n\nDefault change: \(t.defaultChangeDate).\n\n| run as of | Basic senders | "
                + "breaking |\n|---|---|---|\n"
            for point in t.points { s += "| \(point.asOf) | \(point.basicSenders) | \(point.breakingSenders) |\n" }
            s += "\n| lifecycle state | senders |\n|---|---|\n"
            for (state, count) in t.states { s += "| \(state) | \(count) |\n" }
        }
        return s
    }
}
