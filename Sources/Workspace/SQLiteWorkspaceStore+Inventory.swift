import AuthShiftCore
import Foundation
import GRDB

extension SQLiteWorkspaceStore {
    public func inventory(tenant: String?) throws -> [InventoryRow] {
        try read { db in
            var sql = """
                SELECT \(Self.summaryColumns), (SELECT COALESCE(max(a.id), 0) FROM audit a WHERE a.senderId = s.id) AS revision
                FROM sender s JOIN tenant t ON t.id = s.tenantId
                """
            var arguments = StatementArguments()
            if let tenant {
                sql += " WHERE s.tenantId = ?"
                _ = arguments.append(contentsOf: [try Self.existingTenant(db, tenant, file: layout.databasePath)])
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY t.key, s.address, s.system", arguments: arguments).map { row in
                let s = try Self.summary(row)
                return InventoryRow(
                    tenant: s.tenant, sender: s.sender, system: s.system, state: s.state.rawValue, owner: s.owner, path: s.path,
                    cutoverDate: s.cutoverDate?.description, ticket: s.ticket, note: s.note, recommendedPath: s.recommendedPath,
                    currentAuth: s.currentAuth.rawValue, lastSeen: s.lastSeenAsOf.description, revision: row["revision"])
            }
        }
    }

    /// Applies a sheet in one transaction: every value is checked first (one bad value and
    /// nothing is applied); a field the workspace changed after the sheet's revision is a
    /// conflict and keeps the workspace's value.
    public func importInventory(_ rows: [InventoryRow], by author: EditAuthor) throws -> InventoryImportResult {
        let checked = try rows.map { row in
            // `verified` and `regressed` come from evidence: a sheet showing them is not asking for them.
            let editable = row.editable.filter { !($0.0 == .state && LifecycleState(rawValue: $0.1 ?? "")?.isManual == false) }
            return (row, try editable.map { try SenderEdit($0.0, $0.1, file: row.location ?? "inventory") })
        }
        return try write { db in
            var applied: [AuditEntry] = []
            var conflicts: [InventoryConflict] = []
            for (row, edits) in checked {
                let location = row.location ?? "inventory"
                let summary = try Self.resolve(
                    db, SenderSelector(sender: row.sender, system: row.system, tenant: row.tenant), file: location)
                let current = try Row.fetchOne(db, sql: "SELECT * FROM sender WHERE id = ?", arguments: [summary.id])!
                var accepted: [SenderEdit] = []
                for edit in edits {
                    let workspaceValue: String? = current[Self.column(edit.field)]
                    guard workspaceValue != edit.value else { continue }
                    if let later = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT byWhom, at FROM audit WHERE senderId = ? AND field = ? AND id > ? ORDER BY id DESC LIMIT 1
                            """, arguments: [summary.id, edit.field.rawValue, row.revision])
                    {
                        conflicts.append(
                            InventoryConflict(
                                location: location, tenant: summary.tenant, sender: summary.sender, system: summary.system,
                                field: edit.field,
                                sheetValue: edit.value, workspaceValue: workspaceValue, changedBy: later["byWhom"],
                                changedAt: try Self.timestamp(later["at"])))
                    } else {
                        accepted.append(edit)
                    }
                }
                applied += try Self.apply(db, accepted, to: summary.id, by: author, origin: .inventory)
            }
            return InventoryImportResult(applied: applied, conflicts: conflicts, rows: rows.count)
        }
    }
}
