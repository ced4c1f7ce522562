import AuthShiftCore
import Crypto
import Foundation
import GRDB

extension SQLiteWorkspaceStore {
    public func importRun(_ register: Register, tenant: String?, origin: String, at: Timestamp) throws -> ImportOutcome {
        guard register.schema == Register.schemaName else {
            throw WorkspaceError(.badValue, file: origin, field: "schema", "\(register.schema) is not \(Register.schemaName)")
        }
        let key = TenantKey.resolve(explicit: tenant, register: register)
        let digest = try RunDigest.of(register) { Data(try StoredJSON.encode(register).utf8) }
        return try write { db in
            let tenantId = try Self.tenantId(db, key: key)
            if let existing = try Int64.fetchOne(
                db, sql: "SELECT id FROM run WHERE tenantId = ? AND inputsDigest = ?", arguments: [tenantId, digest])
            {
                return .alreadyStored(run: try Self.runSummary(db, id: existing))
            }
            let runId = try insertRun(db, register, tenantId: tenantId, digest: digest, origin: origin, at: at)
            let latest = try Self.isLatest(db, runId: runId, tenantId: tenantId)
            var transitions: [AuditEntry] = []
            var seen = Set<Int64>()
            for (position, row) in register.senders.enumerated() {
                let senderId = try upsertSender(db, row, tenantId: tenantId, runId: runId, asOf: register.asOf, latest: latest, at: at)
                seen.insert(senderId)
                try insertRunSender(db, row, runId: runId, senderId: senderId, position: position)
                if latest {
                    let evidence = LifecycleRules.Evidence(asOf: register.asOf, showsBasic: LifecycleRules.showsBasic(row))
                    transitions += try applyRules(db, senderId: senderId, evidence: evidence, runId: runId, at: at)
                }
            }
            if latest {
                // A sender the run does not list showed no Basic in it.
                let absent = try Int64.fetchAll(
                    db, sql: "SELECT id FROM sender WHERE tenantId = ? AND state IN ('cut-over', 'verified', 'retired')",
                    arguments: [tenantId]
                ).filter { !seen.contains($0) }
                for senderId in absent {
                    transitions += try applyRules(
                        db, senderId: senderId, evidence: .init(asOf: register.asOf, showsBasic: false), runId: runId, at: at)
                }
            }
            try insertMailboxes(db, register.mailboxes, runId: runId)
            try insertRecords(db, register.automation, section: "automation", runId: runId)
            try insertRecords(db, register.scripts ?? [], section: "scripts", runId: runId)
            try insertRecords(db, register.exceptions ?? [], section: "exceptions", runId: runId)
            try insertRecords(db, register.appCredentials ?? [], section: "appCredentials", runId: runId)
            return .stored(run: try Self.runSummary(db, id: runId), transitions: transitions)
        }
    }

    static func tenantId(_ db: Database, key: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM tenant WHERE key = ?", arguments: [key]) { return id }
        try db.execute(sql: "INSERT INTO tenant(key) VALUES (?)", arguments: [key])
        return db.lastInsertedRowID
    }

    /// Whether the run is the tenant's latest by as-of day (a run back-filled later moves no state).
    static func isLatest(_ db: Database, runId: Int64, tenantId: Int64) throws -> Bool {
        let latest = try Int64.fetchOne(
            db, sql: "SELECT id FROM run WHERE tenantId = ? ORDER BY asOf DESC, id DESC LIMIT 1", arguments: [tenantId])
        return latest == runId
    }

    private func insertRun(_ db: Database, _ r: Register, tenantId: Int64, digest: String, origin: String, at: Timestamp) throws -> Int64 {
        let basic = r.senders.filter(LifecycleRules.showsBasic).count
        let breaking = r.senders.filter(\.breaksAtDefaultChange)
        var blockers: [String: Int] = [:]
        for row in breaking { blockers[row.ring ?? "unassigned", default: 0] += 1 }
        try db.execute(
            sql: """
                INSERT INTO run(tenantId, inputsDigest, origin, importedAt, asOf, defaultChangeDate, generatedBy, assumption, timelineJSON,
                    tenantSettingsJSON, unknownsJSON, hasExceptions, hasScripts, senderCount, mailboxCount, basicSenders, breakingSenders,
                    failingSenders, exceptionCount, blockersByRingJSON)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                tenantId, digest, origin, at.iso8601WithMilliseconds, r.asOf.description, r.defaultChangeDate.description, r.generatedBy,
                r.assumption, try StoredJSON.encode(r.timeline), try StoredJSON.encode(r.tenant), try StoredJSON.encode(r.unknowns),
                r.exceptions != nil, r.scripts != nil, r.senders.count, r.mailboxes.count, basic, breaking.count,
                r.senders.filter(\.failingNow).count, r.exceptions?.count ?? 0, try StoredJSON.encode(blockers),
            ])
        let runId = db.lastInsertedRowID
        for (position, input) in r.inputs.enumerated() {
            try db.execute(
                sql: "INSERT INTO runInput(runId, position, path, kind, rows, sha256) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [runId, position, input.path, input.kind, input.rows, input.sha256])
        }
        return runId
    }

    /// The sender's one identity across runs (tenant, address, system): created at its first
    /// sighting, its latest evidence refreshed when the run is the tenant's latest.
    private func upsertSender(
        _ db: Database, _ row: SenderRow, tenantId: Int64, runId: Int64, asOf: CalendarDay, latest: Bool, at: Timestamp
    ) throws -> Int64 {
        let address = row.sender.lowercased()
        let basic = LifecycleRules.showsBasic(row)
        let existing = try Int64.fetchOne(
            db, sql: "SELECT id FROM sender WHERE tenantId = ? AND address = ? AND system = ?",
            arguments: [tenantId, address, row.system])
        if let id = try existing ?? Self.placeholderMatch(db, tenantId: tenantId, address: address, system: row.system) {
            if latest {
                // The latest run's evidence, and its name for the device (the owners' name, or the placeholder with its address).
                try db.execute(
                    sql: """
                        UPDATE sender SET system = ?, lastRunId = ?, lastAsOf = ?, lastAuth = ?, lastBasic = ?, lastBreaks = ?,
                            lastRing = ?,
                            lastRecommendedPath = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        row.system, runId, asOf.description, row.currentAuth.rawValue, basic, row.breaksAtDefaultChange, row.ring,
                        row.recommendation.path.rawValue, id,
                    ])
            }
            return id
        }
        let owner = row.owner.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let state: LifecycleState = owner == nil ? .discovered : .ownerAssigned
        try db.execute(
            sql: """
                INSERT INTO sender(tenantId, address, system, state, stateSince, owner, cutoverDate, firstRunId, lastRunId,
                    lastAsOf, lastAuth,
                    lastBasic, lastBreaks, lastRing, lastRecommendedPath)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                tenantId, address, row.system, state.rawValue, asOf.description, owner, row.cutoverDate?.description, runId, runId,
                asOf.description, row.currentAuth.rawValue, basic, row.breaksAtDefaultChange, row.ring,
                row.recommendation.path.rawValue,
            ])
        let id = db.lastInsertedRowID
        var firstValues: [(SenderField, String)] = [(.state, state.rawValue)]
        if let owner { firstValues.append((.owner, owner)) }
        if let day = row.cutoverDate { firstValues.append((.cutoverDate, day.description)) }
        for (field, value) in firstValues {
            try Self.insertAudit(
                db, tenantId: tenantId, senderId: id, at: at, by: "authshift", origin: .discovery, field: field,
                old: nil, new: value, runId: runId, reason: "first seen in the run as of \(asOf)")
        }
        return id
    }

    /// The register names a device it cannot identify "unidentified system" (with " at IP" once
    /// sign-ins show its address): a name that changes between runs, not another device.
    static func isPlaceholder(_ system: String) -> Bool { system.hasPrefix("unidentified system") }

    /// The one stored sender with the same address when either name is such a placeholder, so
    /// that the device keeps its identity (and its lifecycle) when the placeholder changes or
    /// the owners name the system.
    static func placeholderMatch(_ db: Database, tenantId: Int64, address: String, system: String) throws -> Int64? {
        let candidates = try Row.fetchAll(
            db, sql: "SELECT id, system FROM sender WHERE tenantId = ? AND address = ?", arguments: [tenantId, address])
        guard candidates.count == 1, let only = candidates.first else { return nil }
        return isPlaceholder(system) || isPlaceholder(only["system"]) ? only["id"] : nil
    }

    private func insertRunSender(_ db: Database, _ row: SenderRow, runId: Int64, senderId: Int64, position: Int) throws {
        try db.execute(
            sql: """
                INSERT INTO runSender(runId, senderId, position, currentAuth, basic, breaks, failing, ring, recommendedPath, rowJSON)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(runId, senderId) DO NOTHING
                """,
            arguments: [
                runId, senderId, position, row.currentAuth.rawValue, LifecycleRules.showsBasic(row), row.breaksAtDefaultChange,
                row.failingNow, row.ring, row.recommendation.path.rawValue, try StoredJSON.encode(row),
            ])
    }

    private func applyRules(_ db: Database, senderId: Int64, evidence: LifecycleRules.Evidence, runId: Int64, at: Timestamp) throws
        -> [AuditEntry]
    {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT tenantId, state, stateSince, cleanSince FROM sender WHERE id = ?", arguments: [senderId]),
            let state = LifecycleState(rawValue: row["state"]),
            let since = CalendarDay(iso: row["stateSince"])
        else { return [] }
        let before = LifecycleRules.Progress(
            state: state, stateSince: since, cleanSince: (row["cleanSince"] as String?).flatMap(CalendarDay.init(iso:)))
        let (after, reason) = rules.apply(evidence, to: before)
        guard after != before else { return [] }
        try db.execute(
            sql: "UPDATE sender SET state = ?, stateSince = ?, cleanSince = ? WHERE id = ?",
            arguments: [after.state.rawValue, after.stateSince.description, after.cleanSince?.description, senderId])
        guard after.state != before.state else { return [] }
        let auditId = try Self.insertAudit(
            db, tenantId: row["tenantId"], senderId: senderId, at: at, by: "authshift", origin: .automatic,
            field: .state, old: before.state.rawValue, new: after.state.rawValue, runId: runId, reason: reason)
        return try Self.auditEntries(db, sql: "a.id = ?", arguments: [auditId])
    }

    @discardableResult
    static func insertAudit(
        _ db: Database, tenantId: Int64, senderId: Int64, at: Timestamp, by: String, origin: AuditEntry.Origin,
        field: SenderField, old: String?, new: String?, runId: Int64?, reason: String?
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO audit(tenantId, senderId, at, byWhom, origin, field, oldValue, newValue, runId, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [tenantId, senderId, at.iso8601WithMilliseconds, by, origin.rawValue, field.rawValue, old, new, runId, reason])
        return db.lastInsertedRowID
    }

    private func insertMailboxes(_ db: Database, _ mailboxes: MailboxRows, runId: Int64) throws {
        let findVersion = try db.makeStatement(sql: "SELECT id FROM mailboxVersion WHERE digest = ?")
        let insertVersion = try db.makeStatement(sql: "INSERT INTO mailboxVersion(digest, rowJSON) VALUES (?, ?)")
        let insertRow = try db.makeStatement(sql: "INSERT INTO runMailbox(runId, position, address, versionId) VALUES (?, ?, ?, ?)")
        for (position, mailbox) in mailboxes.enumerated() {
            let json = try StoredJSON.encode(mailbox)
            let digest: String
            switch mailboxStorage {
            case .changedOnly: digest = RunDigest.hex(SHA256.hash(data: Data(json.utf8)))
            case .everyRun: digest = "\(runId):\(position)"
            }
            let versionId: Int64
            if let id = try Int64.fetchOne(findVersion, arguments: [digest]) {
                versionId = id
            } else {
                try insertVersion.execute(arguments: [digest, json])
                versionId = db.lastInsertedRowID
            }
            try insertRow.execute(arguments: [runId, position, mailbox.address.lowercased(), versionId])
        }
    }

    private func insertRecords(_ db: Database, _ rows: [some Encodable], section: String, runId: Int64) throws {
        for (position, row) in rows.enumerated() {
            try db.execute(
                sql: "INSERT INTO runRecord(runId, section, position, rowJSON) VALUES (?, ?, ?, ?)",
                arguments: [runId, section, position, try StoredJSON.encode(row)])
        }
    }
}
