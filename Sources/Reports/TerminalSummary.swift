import AuthShiftCore

/// The few lines `assess` prints when it finishes.
public enum TerminalSummary {
    public static func render(_ r: Register) -> String {
        let f = ReportFacts(r)
        let (basic, breaks, failing, days) = (f.basic, f.breaks, f.failing, f.daysToChange)
        var out = "authshift assess, as of \(r.asOf)\n"
        out += "  Default change: \(r.defaultChangeDate) (" + (days >= 0 ? "\(days) days away" : "\(-days) days ago") + ")\n"
        out +=
            "  Senders: \(r.senders.count) rows (\(basic.count) on Basic), mailboxes: \(r.mailboxes.count), automation accounts: \(r.automation.count)\n"
        var seen = Set<String>()
        let breakingSenders = breaks.map(\.sender).filter { seen.insert($0).inserted }
        out +=
            "  Break at the default change: \(breaks.count) row(s), \(breakingSenders.count) sender(s)"
            + (breakingSenders.isEmpty
                ? "" : " (" + breakingSenders.prefix(5).joined(separator: ", ") + (breakingSenders.count > 5 ? ", …" : "") + ")") + "\n"
        out += "  Already failing: \(failing.count)\n"
        if !f.contradicted.isEmpty {
            out +=
                "  Exports contradicted by the sign-ins (Basic succeeded after the exports that block it): \(f.contradicted.count) ("
                + f.contradicted.prefix(5).map(\.sender).joined(separator: ", ") + (f.contradicted.count > 5 ? ", …" : "")
                + "); see the report\n"
        }
        if let credentials = r.appCredentials {
            let expired = credentials.filter { $0.status == .expired }.count
            let expiring = credentials.filter { $0.status == .expiring }.count
            let secrets = credentials.filter(\.certificateAdvised).count
            out +=
                "  App credentials: \(credentials.count) (\(expired) expired, \(expiring) expiring soon, \(secrets) client secret(s)"
                + " where a certificate is advised)\n"
        }
        out += "  Recommended paths: " + f.byPath.filter { $0.1 > 0 }.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ") + "\n"
        if !r.unknowns.isEmpty {
            out +=
                "  Unknowns: "
                + r.unknowns.prefix(3).map { "\($0.what) (\($0.count); needs \($0.settledBy.joined(separator: " or ")))" }.joined(
                    separator: "; ") + (r.unknowns.count > 3 ? "; …" : "") + "\n"
        }
        return out
    }
}
