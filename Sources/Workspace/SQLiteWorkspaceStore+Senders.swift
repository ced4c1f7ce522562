import AuthShiftCore
import Foundation
import GRDB

extension SQLiteWorkspaceStore {
    static let summaryColumns = """
        s.id, t.key AS tenantKey, s.address, s.system, s.state, s.stateSince, s.owner, s.path, s.lastRecommendedPath,
            s.cutoverDate, s.ticket,
        s.note, s.lastRing, s.lastAuth, s.lastBasic, s.lastBreaks, s.lastRunId, s.lastAsOf
        """

    static func summary(_ row: Row) throws -> SenderSummary {
        SenderSummary(
            id: row["id"], tenant: row["tenantKey"], sender: row["address"], system: row["system"],
            state: LifecycleState(rawValue: row["state"]) ?? .discovered, stateSince: try day(row["stateSince"], field: "stateSince"),
            owner: row["owner"], path: row["path"], recommendedPath: row["lastRecommendedPath"],
            cutoverDate: (row["cutoverDate"] as String?).flatMap(CalendarDay.init(iso:)), ticket: row["ticket"], note: row["note"],
            ring: row["lastRing"], currentAuth: SenderRow.CurrentAuth(rawValue: row["lastAuth"]) ?? .unknown, basic: row["lastBasic"],
            breaksAtDefaultChange: row["lastBreaks"], lastSeenRun: row["lastRunId"],
            lastSeenAsOf: try day(row["lastAsOf"], field: "lastAsOf"))
    }

    public func senders(_ query: SenderQuery) throws -> SenderPage {
        try read { db in
            var conditions: [String] = []
            var arguments = StatementArguments()
            if let tenant = query.tenant {
                conditions.append("s.tenantId = ?")
                _ = arguments.append(contentsOf: [try Self.existingTenant(db, tenant, file: layout.databasePath)])
            }
            if let state = query.state {
                conditions.append("s.state = ?")
                _ = arguments.append(contentsOf: [state.rawValue])
            }
            if let path = query.path {
                conditions.append("COALESCE(s.path, s.lastRecommendedPath) = ?")
                _ = arguments.append(contentsOf: [path])
            }
            if let owner = query.owner {
                conditions.append("s.owner = ? COLLATE NOCASE")
                _ = arguments.append(contentsOf: [owner])
            }
            if let ring = query.ring {
                conditions.append("s.lastRing = ?")
                _ = arguments.append(contentsOf: [ring])
            }
            if let basic = query.basic {
                conditions.append("s.lastBasic = ?")
                _ = arguments.append(contentsOf: [basic])
            }
            if let search = query.search?.lowercased(), !search.isEmpty {
                let pattern =
                    "%"
                    + search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_") + "%"
                conditions.append(
                    """
                    (s.address LIKE ? ESCAPE '\\' OR s.system LIKE ? ESCAPE '\\' OR s.owner LIKE ? ESCAPE '\\'
                     OR s.ticket LIKE ? ESCAPE '\\' OR s.note LIKE ? ESCAPE '\\')
                    """)
                _ = arguments.append(contentsOf: StatementArguments(Array(repeating: pattern, count: 5)))
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM sender s \(filter)", arguments: arguments) ?? 0
            let order: String
            switch query.sort {
            case .sender: order = "s.address"
            case .state: order = "s.state"
            case .owner: order = "s.owner"
            case .path: order = "COALESCE(s.path, s.lastRecommendedPath)"
            case .cutover: order = "s.cutoverDate"
            case .lastSeen: order = "s.lastAsOf"
            }
            let direction = query.descending ? "DESC" : "ASC"
            var pageArguments = arguments
            _ = pageArguments.append(contentsOf: [max(0, min(query.limit, 10_000)), max(0, query.offset)])
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.summaryColumns) FROM sender s JOIN tenant t ON t.id = s.tenantId \(filter)
                    ORDER BY \(order) \(direction), s.address, s.system, t.key LIMIT ? OFFSET ?
                    """, arguments: pageArguments)
            return SenderPage(total: total, offset: query.offset, rows: try rows.map(Self.summary))
        }
    }

    /// The one stored sender a selector names; an error naming the candidates when it names several.
    static func resolve(_ db: Database, _ selector: SenderSelector, file: String) throws -> SenderSummary {
        var sql = "SELECT \(summaryColumns) FROM sender s JOIN tenant t ON t.id = s.tenantId WHERE s.address = ?"
        var arguments: StatementArguments = [selector.sender]
        if let system = selector.system {
            sql += " AND s.system = ? COLLATE NOCASE"
            _ = arguments.append(contentsOf: [system])
        }
        if let tenant = selector.tenant {
            sql += " AND s.tenantId = ?"
            _ = arguments.append(contentsOf: [try existingTenant(db, tenant, file: file)])
        }
        let matches = try Row.fetchAll(db, sql: sql + " ORDER BY t.key, s.system", arguments: arguments).map(summary)
        guard let first = matches.first else {
            throw WorkspaceError(
                .notFound, file: file, field: "sender",
                "no sender \(selector.sender) in this workspace"
                    + (selector.system.map { " on system \($0)" } ?? "") + (selector.tenant.map { " for tenant \($0)" } ?? ""))
        }
        guard matches.count == 1 else {
            let names = matches.map { "\($0.sender) on \($0.system) (tenant \($0.tenant))" }.joined(separator: "; ")
            throw WorkspaceError(
                .ambiguous, file: file, field: "sender", "\(selector.sender) is stored more than once: \(names); add --system or --tenant")
        }
        return first
    }

    public func sender(_ selector: SenderSelector) throws -> SenderDetail {
        try read { db in
            let file = layout.databasePath
            let summary = try Self.resolve(db, selector, file: file)
            let runRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT rs.*, r.asOf FROM runSender rs JOIN run r ON r.id = rs.runId WHERE rs.senderId = ? ORDER BY r.asOf, r.id
                    """, arguments: [summary.id])
            var latest: SenderRow?
            var entries: [SenderRunEntry] = []
            for row in runRows {
                let sender = try StoredJSON.decode(SenderRow.self, row["rowJSON"], file: file, field: "senders")
                if (row["runId"] as Int64) == summary.lastSeenRun { latest = sender }
                entries.append(
                    SenderRunEntry(
                        run: row["runId"], asOf: try Self.day(row["asOf"], field: "asOf"), currentAuth: sender.currentAuth,
                        basic: row["basic"],
                        breaksAtDefaultChange: sender.breaksAtDefaultChange, failingNow: sender.failingNow,
                        successes: sender.signIns.successes,
                        failures: sender.signIns.failures, lastSeen: sender.signIns.lastSeen,
                        recommendedPath: sender.recommendation.path.rawValue,
                        ring: sender.ring))
            }
            guard let latest else {
                throw WorkspaceError(.database, file: file, field: "sender", "\(summary.sender) has no stored row for its latest run")
            }
            let tenantId = try Self.existingTenant(db, summary.tenant, file: file)
            let exceptions = try Self.latestExceptions(db, tenantId: tenantId).filter {
                $0.mailbox.lowercased() == summary.sender
                    && ($0.system == nil || $0.system!.caseInsensitiveCompare(summary.system) == .orderedSame)
            }
            let audit = try Self.auditEntries(db, sql: "a.senderId = ? ORDER BY a.id", arguments: [summary.id])
            return SenderDetail(summary: summary, latest: latest, runs: entries, audit: audit, exceptions: exceptions)
        }
    }

    public func audit(tenant: String?, after: Int64?, limit: Int) throws -> [AuditEntry] {
        try read { db in
            var conditions = ["1 = 1"]
            var arguments = StatementArguments()
            if let tenant {
                conditions.append("a.tenantId = ?")
                _ = arguments.append(contentsOf: [try Self.existingTenant(db, tenant, file: layout.databasePath)])
            }
            if let after {
                conditions.append("a.id < ?")
                _ = arguments.append(contentsOf: [after])
            }
            _ = arguments.append(contentsOf: [max(0, limit)])
            return try Self.auditEntries(
                db, sql: conditions.joined(separator: " AND ") + " ORDER BY a.id DESC LIMIT ?", arguments: arguments)
        }
    }

    static func auditEntries(_ db: Database, sql condition: String, arguments: StatementArguments) throws -> [AuditEntry] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.*, t.key AS tenantKey, s.address, s.system
                FROM audit a JOIN tenant t ON t.id = a.tenantId JOIN sender s ON s.id = a.senderId
                WHERE \(condition)
                """, arguments: arguments
        ).map { row in
            AuditEntry(
                id: row["id"], tenant: row["tenantKey"], sender: row["address"], system: row["system"], at: try timestamp(row["at"]),
                by: row["byWhom"], origin: AuditEntry.Origin(rawValue: row["origin"]) ?? .edit,
                field: SenderField(rawValue: row["field"]) ?? .note, oldValue: row["oldValue"], newValue: row["newValue"],
                runId: row["runId"], reason: row["reason"])
        }
    }
}
