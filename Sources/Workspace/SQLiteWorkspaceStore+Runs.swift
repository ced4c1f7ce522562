import AuthShiftCore
import Foundation
import GRDB

extension SQLiteWorkspaceStore {
    public func tenants() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT key FROM tenant ORDER BY key") }
    }

    public func runs(tenant: String?) throws -> [RunSummary] {
        try read { db in
            let ids: [Int64]
            if let tenant {
                let tenantId = try Self.existingTenant(db, tenant, file: layout.databasePath)
                ids = try Int64.fetchAll(db, sql: "SELECT id FROM run WHERE tenantId = ? ORDER BY asOf, id", arguments: [tenantId])
            } else {
                ids = try Int64.fetchAll(
                    db, sql: "SELECT run.id FROM run JOIN tenant ON tenant.id = run.tenantId ORDER BY tenant.key, asOf, run.id")
            }
            return try ids.map { try Self.runSummary(db, id: $0) }
        }
    }

    static func existingTenant(_ db: Database, _ key: String, file: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM tenant WHERE key = ?", arguments: [key.lowercased()]) { return id }
        let known = try String.fetchAll(db, sql: "SELECT key FROM tenant ORDER BY key")
        throw WorkspaceError(
            .notFound, file: file, field: "tenant",
            "no tenant \"\(key)\" in this workspace"
                + (known.isEmpty ? " (it holds no runs yet)" : "; it holds \(known.joined(separator: ", "))"))
    }

    static func runSummary(_ db: Database, id: Int64) throws -> RunSummary {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT run.*, tenant.key AS tenantKey FROM run JOIN tenant ON tenant.id = run.tenantId WHERE run.id = ?",
                arguments: [id])
        else { throw WorkspaceError(.notFound, file: "workspace", field: "run", "no run \(id) in this workspace") }
        let inputs = try Row.fetchAll(db, sql: "SELECT * FROM runInput WHERE runId = ? ORDER BY position", arguments: [id]).map {
            InputFile(path: $0["path"], kind: $0["kind"], rows: $0["rows"], sha256: $0["sha256"])
        }
        return RunSummary(
            id: id, tenant: row["tenantKey"], origin: row["origin"], importedAt: try timestamp(row["importedAt"]),
            asOf: try day(row["asOf"], field: "asOf"), defaultChangeDate: try day(row["defaultChangeDate"], field: "defaultChangeDate"),
            generatedBy: row["generatedBy"], senders: row["senderCount"], mailboxes: row["mailboxCount"], basicSenders: row["basicSenders"],
            breakingSenders: row["breakingSenders"], failingSenders: row["failingSenders"], exceptions: row["exceptionCount"],
            blockersByRing: try StoredJSON.decode(
                [String: Int].self, row["blockersByRingJSON"], file: "workspace", field: "blockersByRing"),
            inputs: inputs)
    }

    static func day(_ text: String?, field: String) throws -> CalendarDay {
        guard let text, let day = CalendarDay(iso: text) else {
            throw WorkspaceError(.database, file: "workspace", field: field, "stored value \(text ?? "NULL") is not a date")
        }
        return day
    }

    static func timestamp(_ text: String) throws -> Timestamp {
        guard let decoded = Timestamp(iso: text) else {
            throw WorkspaceError(.database, file: "workspace", field: "at", "stored value \(text) is not a timestamp")
        }
        return decoded
    }

    public func register(run id: Int64) throws -> Register {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]) else {
                throw WorkspaceError(.notFound, file: layout.databasePath, field: "run", "no run \(id) in this workspace")
            }
            let file = layout.databasePath
            let senders = try String.fetchAll(db, sql: "SELECT rowJSON FROM runSender WHERE runId = ? ORDER BY position", arguments: [id])
                .map {
                    try StoredJSON.decode(SenderRow.self, $0, file: file, field: "senders")
                }
            let mailboxes = try String.fetchAll(
                db,
                sql: """
                    SELECT v.rowJSON FROM runMailbox m JOIN mailboxVersion v ON v.id = m.versionId WHERE m.runId = ? ORDER BY m.position
                    """, arguments: [id]
            ).map { try StoredJSON.decode(MailboxRow.self, $0, file: file, field: "mailboxes") }
            func records<T: Decodable>(_ section: String, _ type: T.Type) throws -> [T] {
                try String.fetchAll(
                    db, sql: "SELECT rowJSON FROM runRecord WHERE runId = ? AND section = ? ORDER BY position", arguments: [id, section]
                )
                .map { try StoredJSON.decode(T.self, $0, file: file, field: section) }
            }
            let summary = try Self.runSummary(db, id: id)
            var register = Register(
                generatedBy: row["generatedBy"], asOf: summary.asOf,
                timeline: try StoredJSON.decode(Timeline.self, row["timelineJSON"], file: file, field: "timeline"),
                assumption: row["assumption"],
                tenant: try StoredJSON.decode(TenantSettings.self, row["tenantSettingsJSON"], file: file, field: "tenant"),
                inputs: summary.inputs, senders: senders, mailboxes: MailboxRows(mailboxes),
                automation: try records("automation", AutomationRow.self),
                unknowns: try StoredJSON.decode([UnknownSummary].self, row["unknownsJSON"], file: file, field: "unknowns"))
            register.defaultChangeDate = summary.defaultChangeDate
            if row["hasExceptions"] as Bool { register.exceptions = try records("exceptions", ExceptionRecord.self) }
            if row["hasScripts"] as Bool { register.scripts = try records("scripts", ScriptAutomationRow.self) }
            // Stored as rows only (no flag of their own): a run without app registrations has none.
            let credentials = try records("appCredentials", AppCredentialRow.self)
            if !credentials.isEmpty { register.appCredentials = credentials }
            return register
        }
    }

    /// The latest run's exception rows of a tenant.
    static func latestExceptions(_ db: Database, tenantId: Int64) throws -> [ExceptionRecord] {
        try latestRecords(db, tenantId: tenantId, section: "exceptions", as: ExceptionRecord.self)
    }

    /// One section's rows of a tenant's latest run.
    static func latestRecords<T: Decodable>(_ db: Database, tenantId: Int64, section: String, as type: T.Type) throws -> [T] {
        guard
            let runId = try Int64.fetchOne(
                db, sql: "SELECT id FROM run WHERE tenantId = ? ORDER BY asOf DESC, id DESC LIMIT 1", arguments: [tenantId])
        else { return [] }
        return try String.fetchAll(
            db, sql: "SELECT rowJSON FROM runRecord WHERE runId = ? AND section = ? ORDER BY position", arguments: [runId, section]
        ).map { try StoredJSON.decode(T.self, $0, file: "workspace", field: section) }
    }
}
