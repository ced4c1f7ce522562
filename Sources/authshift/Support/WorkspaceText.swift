import AuthShiftCore
import Reports
import Workspace

/// The workspace's results as terminal text and CSV (JSON is the types' own encoding).
enum WorkspaceText {
    static func table(header: [String], rows: [[String]]) -> String {
        var table = TextTable(header: header)
        for row in rows { table.add(row) }
        return table.render()
    }

    static func outcome(_ outcome: ImportOutcome, source: String) -> String {
        switch outcome {
        case .alreadyStored(let run):
            return
                "\(source): the same inputs are stored already as run \(run.id) (tenant \(run.tenant), as of \(run.asOf)); nothing added.\n"
        case .stored(let run, let transitions):
            var s =
                "\(source): stored as run \(run.id) of tenant \(run.tenant), as of \(run.asOf): \(run.senders) sender(s), "
                + "\(run.basicSenders) on Basic, \(run.breakingSenders) breaking at the default change.\n"
            for t in transitions {
                s +=
                    (t.newValue == LifecycleState.regressed.rawValue ? "  REGRESSED " : "  ")
                    + "\(t.sender) (\(t.system)): \(t.oldValue ?? "-") -> \(t.newValue ?? "-"): \(t.reason ?? "")\n"
            }
            return s
        }
    }

    static func counts(_ values: [String: Int], order: [String]) -> String {
        let known = order.filter { values[$0] != nil }
        let rest = values.keys.filter { !order.contains($0) }.sorted()
        let parts = (known + rest).map { "\($0) \(values[$0]!)" }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    static func regressionLine(_ regressions: [SenderSummary]) -> String {
        guard !regressions.isEmpty else { return "No regressions: no verified or retired sender shows Basic again.\n" }
        let names = regressions.map { "\($0.sender) (\($0.system), \($0.tenant))" }.joined(separator: ", ")
        return "REGRESSED: \(regressions.count) sender(s) show Basic SMTP AUTH again after they were verified or retired: \(names)\n"
    }

    static func status(_ status: WorkspaceStatus) -> String {
        var s = regressionLine(status.regressions)
        for t in status.tenants + (status.all.map { [$0] } ?? []) {
            s += "\n" + (t.tenant == "all" ? "All tenants" : "Tenant \(t.tenant)") + ": \(t.runs) run(s)"
            if let first = t.firstRunAsOf, let last = t.latestRunAsOf { s += ", \(first) to \(last)" }
            if let days = t.daysToDefaultChange, let change = t.defaultChangeDate {
                s +=
                    days >= 0
                    ? "; \(days) days to the default change (\(change))" : "; the default change (\(change)) was \(-days) days ago"
            }
            s +=
                "\n  Basic senders: \(t.basicSendersNow) now, \(t.basicSendersAtFirstRun) at the first run; breaking at the "
                + "default change: \(t.breakingNow)\n"
            s +=
                "  By state (\(t.senders) senders): "
                + counts(t.byState.filter { $0.value > 0 }, order: LifecycleState.allCases.map(\.rawValue)) + "\n"
            s += "  By path: " + counts(t.byPath, order: MigrationPath.allCases.map(\.rawValue)) + "\n"
            for e in t.exceptionsExpiring {
                s +=
                    "  Exception \(e.status): \(e.mailbox)\(e.system.map { " (\($0))" } ?? ""), expires "
                    + "\(e.expires?.description ?? "?"), owner \(e.owner ?? "-")\n"
            }
            for c in t.credentialsExpiring {
                s +=
                    "  App \(c.kind.words) \(c.status.rawValue): \(c.appName) (\(c.appId)) \"\(c.name)\", expires "
                    + "\(c.expires?.day.description ?? "?")\(c.dependents.isEmpty ? "" : "; used by " + c.dependents.joined(separator: ", "))\n"
            }
        }
        return s
    }

    static func statusCSV(_ status: WorkspaceStatus) -> String {
        var w = CSVWriter(header: ["tenant", "measure", "key", "value"])
        for t in status.tenants + (status.all.map { [$0] } ?? []) {
            w.row([t.tenant, "runs", "", String(t.runs)])
            w.row([t.tenant, "basic_senders_now", "", String(t.basicSendersNow)])
            w.row([t.tenant, "basic_senders_first_run", "", String(t.basicSendersAtFirstRun)])
            w.row([t.tenant, "breaking_now", "", String(t.breakingNow)])
            w.row([
                t.tenant, "days_to_default_change", t.defaultChangeDate?.description ?? "", t.daysToDefaultChange.map(String.init) ?? "",
            ])
            for state in LifecycleState.allCases { w.row([t.tenant, "state", state.rawValue, String(t.byState[state.rawValue] ?? 0)]) }
            for (path, n) in t.byPath.sorted(by: { $0.key < $1.key }) { w.row([t.tenant, "path", path, String(n)]) }
            for e in t.exceptionsExpiring { w.row([t.tenant, "exception_" + e.status.rawValue, e.mailbox, e.expires?.description ?? ""]) }
            for c in t.credentialsExpiring {
                w.row([
                    t.tenant, "app_credential_" + c.status.rawValue, "\(c.appName) (\(c.appId)) \(c.name)", c.expires?.description ?? "",
                ])
            }
        }
        for r in status.regressions { w.row([r.tenant, "regressed", r.sender + " (" + r.system + ")", r.stateSince.description]) }
        return w.text
    }

    static func blockers(_ run: RunSummary) -> String {
        run.blockersByRing.isEmpty
            ? "none" : run.blockersByRing.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    static func history(_ runs: [RunSummary]) -> String {
        let rows = runs.map { r in
            [
                String(r.id), r.tenant, r.asOf.description, String(r.basicSenders), String(r.breakingSenders), String(r.failingSenders),
                String(r.exceptions), blockers(r),
            ]
        }
        return table(header: ["run", "tenant", "as of", "basic", "breaking", "failing", "exceptions", "blockers per ring"], rows: rows)
    }

    static func historyCSV(_ runs: [RunSummary]) -> String {
        var w = CSVWriter(header: [
            "run", "tenant", "as_of", "default_change_date", "senders", "basic_senders", "breaking", "failing", "exceptions",
            "blockers_per_ring", "origin", "imported_at",
        ])
        for r in runs {
            w.row([
                String(r.id), r.tenant, r.asOf.description, r.defaultChangeDate.description, String(r.senders), String(r.basicSenders),
                String(r.breakingSenders), String(r.failingSenders), String(r.exceptions), blockers(r), r.origin, r.importedAt.description,
            ])
        }
        return w.text
    }

    static func audit(_ a: AuditEntry) -> String {
        "\(a.at) \(a.by) [\(a.origin.rawValue)] \(a.field.rawValue): \(a.oldValue ?? "-") -> \(a.newValue ?? "-")"
            + (a.reason.map { " (\($0))" } ?? "")
    }

    static func show(_ d: SenderDetail) -> String {
        let s = d.summary
        var t = "\(s.sender) on \(s.system) (tenant \(s.tenant))\n"
        t += "  State: \(s.state.rawValue) since \(s.stateSince)\n"
        t +=
            "  Owner: \(s.owner ?? "-"); path: \(s.path ?? "not chosen") (recommended \(s.recommendedPath)); cutover: "
            + "\(s.cutoverDate?.description ?? "-"); "
            + "ticket: \(s.ticket ?? "-")\n"
        if let note = s.note { t += "  Note: \(note)\n" }
        t +=
            "  Latest evidence (run \(s.lastSeenRun), \(s.lastSeenAsOf)): \(s.currentAuth.rawValue)"
            + (s.breaksAtDefaultChange ? ", breaks at the default change" : "") + "\n"
        for e in d.latest.evidence { t += "    - \(e)\n" }
        t += "  Recommendation: \(d.latest.recommendation.path.title): " + d.latest.recommendation.why.joined(separator: " ") + "\n"
        for e in d.exceptions { t += "  Exception: \(e.status), expires \(e.expires?.description ?? "?"), ticket \(e.ticket ?? "-")\n" }
        t +=
            "\nRuns:\n"
            + table(
                header: ["run", "as of", "auth", "breaks", "failing", "successes", "failures", "last seen", "recommended", "ring"],
                rows: d.runs.map { r in
                    [
                        String(r.run), r.asOf.description, r.currentAuth.rawValue, r.breaksAtDefaultChange ? "yes" : "no",
                        r.failingNow ? "yes" : "no",
                        String(r.successes), String(r.failures), r.lastSeen?.description ?? "-", r.recommendedPath, r.ring ?? "-",
                    ]
                })
        t += "\nChanges:\n" + d.audit.map { "  " + audit($0) + "\n" }.joined()
        return t
    }

    static func showCSV(_ d: SenderDetail) -> String {
        var w = CSVWriter(header: ["when", "kind", "run", "by", "field", "old", "new", "detail"])
        for r in d.runs {
            w.row([
                r.asOf.description, "run", String(r.run), "", "current_auth", "", r.currentAuth.rawValue,
                "successes \(r.successes), failures \(r.failures)" + (r.breaksAtDefaultChange ? ", breaks at the default change" : ""),
            ])
        }
        for a in d.audit {
            w.row([
                a.at.description, a.origin.rawValue, a.runId.map(String.init) ?? "", a.by, a.field.rawValue, a.oldValue ?? "",
                a.newValue ?? "",
                a.reason ?? "",
            ])
        }
        return w.text
    }

    static func auditCSV(_ rows: [AuditEntry]) -> String {
        var w = CSVWriter(header: ["id", "tenant", "sender", "system", "at", "by", "origin", "field", "old", "new", "run", "reason"])
        for a in rows {
            w.row([
                String(a.id), a.tenant, a.sender, a.system, a.at.description, a.by, a.origin.rawValue, a.field.rawValue, a.oldValue ?? "",
                a.newValue ?? "", a.runId.map(String.init) ?? "", a.reason ?? "",
            ])
        }
        return w.text
    }
}
