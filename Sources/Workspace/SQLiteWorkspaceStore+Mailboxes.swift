import AuthShiftCore
import GRDB

extension SQLiteWorkspaceStore {
    public func mailboxes(tenant: String, search: String?, offset: Int, limit: Int) throws -> MailboxPage {
        try read { db in
            let file = layout.databasePath
            let tenantId = try Self.existingTenant(db, tenant, file: file)
            guard
                let runId = try Int64.fetchOne(
                    db, sql: "SELECT id FROM run WHERE tenantId = ? ORDER BY asOf DESC, id DESC LIMIT 1",
                    arguments: [tenantId])
            else { throw WorkspaceError(.notFound, file: file, field: "run", "tenant \(tenant) has no run stored") }
            var filter = "m.runId = ?"
            var arguments: StatementArguments = [runId]
            if let search = search?.lowercased(), !search.isEmpty {
                filter += " AND instr(m.address, ?) > 0"
                _ = arguments.append(contentsOf: [search])
            }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM runMailbox m WHERE \(filter)", arguments: arguments) ?? 0
            var page = arguments
            _ = page.append(contentsOf: [max(0, min(limit, 10_000)), max(0, offset)])
            let rows = try String.fetchAll(
                db,
                sql: """
                    SELECT v.rowJSON FROM runMailbox m JOIN mailboxVersion v ON v.id = m.versionId
                    WHERE \(filter) ORDER BY m.address LIMIT ? OFFSET ?
                    """, arguments: page
            ).map { try StoredJSON.decode(MailboxRow.self, $0, file: file, field: "mailboxes") }
            return MailboxPage(run: runId, total: total, offset: offset, rows: rows)
        }
    }
}
