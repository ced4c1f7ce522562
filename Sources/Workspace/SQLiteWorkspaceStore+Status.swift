import AuthShiftCore
import Foundation
import GRDB

extension SQLiteWorkspaceStore {
    /// Exceptions within this many days of expiry are listed by `workspace status`.
    public static let exceptionWarningDays = 30

    public func status(tenant: String?) throws -> WorkspaceStatus {
        try read { db in
            let keys: [String] =
                try tenant.map { [try Self.existingTenant(db, $0, file: layout.databasePath)] }
                .map { ids in try String.fetchAll(db, sql: "SELECT key FROM tenant WHERE id = ?", arguments: [ids[0]]) }
                ?? String.fetchAll(db, sql: "SELECT key FROM tenant ORDER BY key")
            let statuses = try keys.map { try Self.tenantStatus(db, key: $0) }
            let regressions = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.summaryColumns) FROM sender s JOIN tenant t ON t.id = s.tenantId
                    WHERE s.state = 'regressed' \(tenant == nil ? "" : "AND t.key = ?") ORDER BY t.key, s.address, s.system
                    """, arguments: tenant == nil ? [] : [tenant!.lowercased()]
            ).map(Self.summary)
            return WorkspaceStatus(tenants: statuses, all: statuses.count > 1 ? Self.sum(statuses) : nil, regressions: regressions)
        }
    }

    static func tenantStatus(_ db: Database, key: String) throws -> TenantStatus {
        let tenantId = try existingTenant(db, key, file: "workspace")
        let runs = try Row.fetchAll(
            db, sql: "SELECT asOf, defaultChangeDate, basicSenders, breakingSenders FROM run WHERE tenantId = ? ORDER BY asOf, id",
            arguments: [tenantId])
        var byState = Dictionary(uniqueKeysWithValues: LifecycleState.allCases.map { ($0.rawValue, 0) })
        for row in try Row.fetchAll(
            db, sql: "SELECT state, count(*) AS n FROM sender WHERE tenantId = ? GROUP BY state", arguments: [tenantId])
        {
            byState[row["state"]] = row["n"]
        }
        var byPath: [String: Int] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT COALESCE(path, lastRecommendedPath) AS p, count(*) AS n FROM sender WHERE tenantId = ? GROUP BY p",
            arguments: [tenantId])
        {
            byPath[row["p"]] = row["n"]
        }
        let latestDay = try runs.last.map { try day($0["asOf"], field: "asOf") }
        let change = try runs.last.map { try day($0["defaultChangeDate"], field: "defaultChangeDate") }
        let expiring = try latestExceptions(db, tenantId: tenantId).filter { record in
            if record.status == .expired || record.status == .expiring { return true }
            guard let expires = record.expires, let latestDay else { return false }
            return latestDay.days(until: expires) <= exceptionWarningDays
        }
        let credentials = try latestRecords(db, tenantId: tenantId, section: "appCredentials", as: AppCredentialRow.self)
        var status = TenantStatus(
            tenant: key, runs: runs.count, firstRunAsOf: try runs.first.map { try day($0["asOf"], field: "asOf") },
            latestRunAsOf: latestDay,
            defaultChangeDate: change, daysToDefaultChange: latestDay.flatMap { day in change.map { day.days(until: $0) } },
            basicSendersNow: runs.last?["basicSenders"] ?? 0, basicSendersAtFirstRun: runs.first?["basicSenders"] ?? 0,
            breakingNow: runs.last?["breakingSenders"] ?? 0, senders: byState.values.reduce(0, +), byState: byState, byPath: byPath,
            regressed: byState[LifecycleState.regressed.rawValue] ?? 0, exceptionsExpiring: expiring)
        status.credentialsExpiring = credentials.filter { $0.status == .expired || $0.status == .expiring }
        return status
    }

    /// Every tenant together: counts added, dates from the earliest first run and the latest run.
    static func sum(_ statuses: [TenantStatus]) -> TenantStatus {
        var total = TenantStatus(
            tenant: "all", runs: 0, firstRunAsOf: nil, latestRunAsOf: nil, defaultChangeDate: nil, daysToDefaultChange: nil,
            basicSendersNow: 0, basicSendersAtFirstRun: 0, breakingNow: 0, senders: 0, byState: [:], byPath: [:], regressed: 0,
            exceptionsExpiring: [])
        for s in statuses {
            total.runs += s.runs
            total.firstRunAsOf = [total.firstRunAsOf, s.firstRunAsOf].compactMap { $0 }.min()
            total.latestRunAsOf = [total.latestRunAsOf, s.latestRunAsOf].compactMap { $0 }.max()
            total.defaultChangeDate = [total.defaultChangeDate, s.defaultChangeDate].compactMap { $0 }.min()
            total.basicSendersNow += s.basicSendersNow
            total.basicSendersAtFirstRun += s.basicSendersAtFirstRun
            total.breakingNow += s.breakingNow
            total.senders += s.senders
            total.regressed += s.regressed
            total.byState.merge(s.byState, uniquingKeysWith: +)
            total.byPath.merge(s.byPath, uniquingKeysWith: +)
            total.exceptionsExpiring += s.exceptionsExpiring
            total.credentialsExpiring += s.credentialsExpiring
        }
        if let latest = total.latestRunAsOf, let change = total.defaultChangeDate { total.daysToDefaultChange = latest.days(until: change) }
        return total
    }
}
