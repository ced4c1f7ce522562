import AuthShiftCore
import Foundation
import GRDB

extension SQLiteWorkspaceStore {
    /// The column each field is kept in.
    static func column(_ field: SenderField) -> String {
        switch field {
        case .owner: return "owner"
        case .path: return "path"
        case .cutoverDate: return "cutoverDate"
        case .ticket: return "ticket"
        case .note: return "note"
        case .state: return "state"
        }
    }

    public func edit(_ selector: SenderSelector, _ edits: [SenderEdit], by author: EditAuthor, origin: AuditEntry.Origin) throws
        -> [AuditEntry]
    {
        try write { db in
            let summary = try Self.resolve(db, selector, file: layout.databasePath)
            return try Self.apply(db, edits, to: summary.id, by: author, origin: origin)
        }
    }

    /// Applies edits inside the caller's transaction; a field set to its current value is not an edit.
    /// Setting an owner moves a `discovered` sender to `owner-assigned`, choosing a path moves an
    /// earlier one to `path-chosen`, unless the same edit sets the state.
    static func apply(_ db: Database, _ edits: [SenderEdit], to senderId: Int64, by author: EditAuthor, origin: AuditEntry.Origin) throws
        -> [AuditEntry]
    {
        guard let current = try Row.fetchOne(db, sql: "SELECT * FROM sender WHERE id = ?", arguments: [senderId]) else { return [] }
        let tenantId: Int64 = current["tenantId"]
        var auditIds: [Int64] = []
        var state = LifecycleState(rawValue: current["state"]) ?? .discovered
        func setState(_ new: LifecycleState, reason: String?) throws {
            guard new != state else { return }
            try db.execute(
                sql: "UPDATE sender SET state = ?, stateSince = ?, cleanSince = NULL WHERE id = ?",
                arguments: [new.rawValue, author.effectiveDay.description, senderId])
            auditIds.append(
                try insertAudit(
                    db, tenantId: tenantId, senderId: senderId, at: author.at, by: author.name, origin: origin,
                    field: .state, old: state.rawValue, new: new.rawValue, runId: nil, reason: reason))
            state = new
        }
        for edit in edits where edit.field != .state {
            let old: String? = current[column(edit.field)]
            guard old != edit.value else { continue }
            try db.execute(sql: "UPDATE sender SET \(column(edit.field)) = ? WHERE id = ?", arguments: [edit.value, senderId])
            auditIds.append(
                try insertAudit(
                    db, tenantId: tenantId, senderId: senderId, at: author.at, by: author.name, origin: origin,
                    field: edit.field, old: old, new: edit.value, runId: nil, reason: nil))
        }
        if let explicit = edits.last(where: { $0.field == .state })?.value.flatMap(LifecycleState.init(rawValue:)) {
            try setState(explicit, reason: nil)
        } else {
            let setsOwner = edits.contains { $0.field == .owner && $0.value != nil }
            let setsPath = edits.contains { $0.field == .path && $0.value != nil }
            if setsPath && [.discovered, .ownerAssigned].contains(state) {
                try setState(.pathChosen, reason: "a path was chosen")
            } else if setsOwner && state == .discovered {
                try setState(.ownerAssigned, reason: "an owner was assigned")
            }
        }
        guard !auditIds.isEmpty else { return [] }
        return try auditEntries(db, sql: "a.id IN (\(auditIds.map(String.init).joined(separator: ","))) ORDER BY a.id", arguments: [])
    }
}
