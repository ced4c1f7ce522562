import AuthShiftCore

/// Figures every report shows, computed once so the Markdown, HTML, workbook and terminal
/// agree.
struct ReportFacts {
    /// Reports for people stay readable for large tenants: past these counts they point to
    /// register.csv / register.xlsx, which always hold every row.
    static let tableRows = 1_000
    static let detailedSenders = 200
    static let listedMailboxes = 200

    /// A line saying what was left out of a list, or nil.
    static func omitted(_ total: Int, shown: Int, what: String) -> String? {
        total > shown ? "\(total - shown) more \(what) are in register.csv and register.xlsx." : nil
    }

    let register: Register
    let daysToChange: Int
    let basic: [SenderRow]
    let breaks: [SenderRow]
    let failing: [SenderRow]
    let byPath: [(MigrationPath, Int)]
    /// One sender row per address whose exports say Basic is blocked while successful Basic
    /// sign-ins came after them (BasicContradiction).
    let contradicted: [SenderRow]

    init(_ r: Register) {
        register = r
        daysToChange = r.asOf.days(until: r.defaultChangeDate)
        basic = r.senders.filter { $0.currentAuth == .basic || $0.currentAuth == .mixed }
        breaks = r.senders.filter(\.breaksAtDefaultChange)
        failing = r.senders.filter(\.failingNow)
        var counts: [MigrationPath: Int] = [:]
        for s in r.senders { counts[s.recommendation.path, default: 0] += 1 }
        byPath = MigrationPath.allCases.map { ($0, counts[$0] ?? 0) }
        var seen = Set<String>()
        contradicted = r.senders.filter { $0.contradiction != nil && seen.insert($0.sender).inserted }
    }

    var countdown: String {
        daysToChange > 0
            ? "\(daysToChange) days until SMTP AUTH Basic is disabled by default (\(register.defaultChangeDate))"
            : daysToChange == 0
                ? "SMTP AUTH Basic is disabled by default today (\(register.defaultChangeDate))"
                : "SMTP AUTH Basic was disabled by default \(-daysToChange) days ago (\(register.defaultChangeDate))"
    }

    var summaryLines: [(String, String)] {
        var lines: [(String, String)] = [
            ("As of", register.asOf.description),
            ("Default change date", register.defaultChangeDate.description),
            ("Countdown", countdown),
            ("Assumption", register.assumption),
            ("Timeline source", register.timeline.source),
            ("Sender rows", String(register.senders.count)),
            ("Sender rows on Basic", String(basic.count)),
            ("Break at the default change", String(breaks.count)),
            ("Already failing", String(failing.count)),
            ("Exports contradicted by the sign-ins", String(contradicted.count)),
            ("Mailboxes", String(register.mailboxes.count)),
            ("Automation accounts (Exchange Online PowerShell)", String(register.automation.count)),
            (
                "Tenant SmtpClientAuthenticationDisabled",
                register.tenant.smtpClientAuthenticationDisabled?.display ?? "unknown (no Get-TransportConfig export)"
            ),
            ("Default authentication policy", register.tenant.defaultAuthenticationPolicy ?? "none or unknown"),
            ("Security defaults", register.tenant.securityDefaultsEnabled.map { $0 ? "on" : "off" } ?? "unknown"),
        ]
        for (path, n) in byPath where n > 0 { lines.append(("Recommended: \(path.rawValue)", String(n))) }
        for u in register.unknowns {
            lines.append(("Unknown: \(u.what)", "\(u.count); settled by \(u.settledBy.joined(separator: " or "))"))
        }
        return lines
    }
}
