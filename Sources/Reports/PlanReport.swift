import Analysis
import AuthShiftCore

/// `plan.md`: the cutover rings with their blockers, the exception checks, the prevention
/// checklist and the scripts, in the order an admin works through them.
public enum PlanReport {
    public static func markdown(_ plan: PlanDocument) -> String {
        var s = "# Cutover plan\n\nAs of \(plan.asOf); SMTP AUTH Basic is disabled by default on \(plan.defaultChangeDate).\n\n"
        s +=
            "Source: Exchange Online SMTP AUTH Basic Authentication 2026 Migration Planning, 'Cutover Plan' and 'Prevention Checklist'.\n\n"
        s += "## Rings\n\n| ring | exit criteria | members | ready |\n|---|---|---|---|\n"
        for r in plan.rings {
            s += "| \(r.title) | \(r.exitCriteria) | \(r.members.count) | \(r.ready ? "yes" : "no: \(r.blockers.count) blocker(s)") |\n"
        }
        for r in plan.rings where !r.blockers.isEmpty {
            s += "\n### \(r.title): blockers\n\n"
            for b in r.blockers.prefix(ReportFacts.detailedSenders) { s += "- \(b)\n" }
            if let more = ReportFacts.omitted(r.blockers.count, shown: ReportFacts.detailedSenders, what: "blockers") { s += "- \(more)\n" }
        }
        s += "\n## Exception register checks\n\n"
        s += section(plan.exceptionChecks.filter { $0.status != .pass })
        if plan.exceptionChecks.allSatisfy({ $0.status == .pass }) { s += "Every check passes.\n" }
        s += "\n## Prevention checklist\n\n" + checklistTable(plan.checklist)
        if !plan.scripts.isEmpty {
            s +=
                "\n## Change scripts\n\nReview each, run it with `-WhatIf`, then for real; each has a rollback and a verification script.\n\n"
            for name in plan.scripts { s += "- `\(name)`\n" }
        }
        return s
    }

    static func section(_ results: [CheckResult]) -> String {
        results.map {
            "- **\($0.status.rawValue)** `\($0.check)` \($0.subject): \($0.message)"
                + ($0.evidence.isEmpty ? "" : " (\($0.evidence.joined(separator: "; ")))")
        }
        .joined(separator: "\n") + (results.isEmpty ? "" : "\n")
    }

    public static func checklistTable(_ items: [CheckResult]) -> String {
        var s = "| # | item | status | evidence | controls |\n|---|---|---|---|---|\n"
        for i in items {
            let detail = i.status == .unknown ? "\(i.message); decided by \(i.decidedBy ?? "?")" : i.message
            s +=
                "| \(i.check.replacingOccurrences(of: "checklist-", with: "")) | \(MarkdownReport.cell(i.title)) | \(i.status.rawValue)\(i.required ? "" : " (advisory)") | \(MarkdownReport.cell(detail)) | \(i.controls.joined(separator: ", ")) |\n"
        }
        return s
    }
}
