import AuthShiftCore

/// `register.csv`: one line per sender row, Excel-friendly (see `CSVWriter`).
public enum RegisterCSV {
    public static let columns = [
        "sender", "system", "sources", "currentAuth", "messages", "volume", "weakTLS", "smtpAuthSuccesses", "smtpAuthFailures",
        "lastSeen", "smtpAuthEnabled", "smtpAuthDecidedBy", "basicAllowed", "basicBlockedBy", "breaksAtDefaultChange", "failingNow",
        "recipients", "owner", "workload", "oauthCapable", "staticIP", "recommendedPath", "confidence", "why", "watchPoints", "unknowns",
        "contradiction",
    ]

    public static func render(_ register: Register) -> String {
        var w = CSVWriter(header: columns)
        for s in register.senders { w.row(cells(s)) }
        return w.text
    }

    static func cells(_ s: SenderRow) -> [String] {
        [
            s.sender, s.system, s.sources.joined(separator: " "), s.currentAuth.rawValue, s.messages.map(String.init) ?? "",
            s.volume.rawValue,
            s.tls.map { $0.weak ? "yes" : "no" } ?? "", String(s.signIns.successes), String(s.signIns.failures),
            s.signIns.lastSeen?.description ?? "",
            YesNo.text(s.smtpAuth.enabled), s.smtpAuth.decidedBy.rawValue, YesNo.text(s.basicAllowed),
            s.basicBlockedBy.map(\.setting).joined(separator: "; "), s.breaksAtDefaultChange ? "yes" : "no", s.failingNow ? "yes" : "no",
            s.recipients.rawValue, s.owner ?? "", s.workload ?? "", s.oauthCapable ?? "", s.staticIP ?? "", s.recommendation.path.rawValue,
            s.recommendation.confidence.rawValue, s.recommendation.why.joined(separator: " "),
            s.recommendation.watchPoints.joined(separator: " "),
            Array(Set(s.unknowns.map(\.what))).sorted().joined(separator: "; "), s.contradiction?.meaning ?? "",
        ]
    }
}
