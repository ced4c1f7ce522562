import AuthShiftCore

/// One row of the owners' spreadsheet (`workspace export-inventory`, `import-inventory`).
///
/// `revision` is the workspace's last audit row for the sender when the sheet was made: a
/// field changed in the workspace after it is a conflict, reported and left as it is, never
/// overwritten by the sheet.
public struct InventoryRow: Sendable, Codable, Equatable {
    public var tenant: String
    public var sender: String
    public var system: String
    public var state: String
    public var owner: String?
    public var path: String?
    public var cutoverDate: String?
    public var ticket: String?
    public var note: String?
    /// Read-only context for the owners.
    public var recommendedPath: String
    public var currentAuth: String
    public var lastSeen: String
    public var revision: Int64
    /// Where the row was read (`file:line`), for errors and conflicts; nil for exported rows.
    public var location: String?

    public static let header = [
        "tenant", "sender", "system", "state", "owner", "path", "cutover_date", "ticket", "notes", "recommended_path",
        "current_auth", "last_seen", "revision",
    ]

    public var cells: [String] {
        [
            tenant, sender, system, state, owner ?? "", path ?? "", cutoverDate ?? "", ticket ?? "", note ?? "", recommendedPath,
            currentAuth,
            lastSeen, String(revision),
        ]
    }

    /// The editable fields and their values in this row.
    public var editable: [(SenderField, String?)] {
        [(.owner, owner), (.path, path), (.cutoverDate, cutoverDate), (.ticket, ticket), (.note, note), (.state, state)]
    }

    public init(
        tenant: String, sender: String, system: String, state: String, owner: String?, path: String?, cutoverDate: String?, ticket: String?,
        note: String?, recommendedPath: String, currentAuth: String, lastSeen: String, revision: Int64, location: String? = nil
    ) {
        self.tenant = tenant
        self.sender = sender
        self.system = system
        self.state = state
        self.owner = owner
        self.path = path
        self.cutoverDate = cutoverDate
        self.ticket = ticket
        self.note = note
        self.recommendedPath = recommendedPath
        self.currentAuth = currentAuth
        self.lastSeen = lastSeen
        self.revision = revision
        self.location = location
    }
}

/// A field the sheet changes that someone changed in the workspace after the sheet was made.
public struct InventoryConflict: Sendable, Codable, Equatable {
    public var location: String
    public var tenant: String
    public var sender: String
    public var system: String
    public var field: SenderField
    public var sheetValue: String?
    /// The workspace's value, kept.
    public var workspaceValue: String?
    /// The workspace edit the sheet did not know about.
    public var changedBy: String
    public var changedAt: Timestamp
}

public struct InventoryImportResult: Sendable, Codable, Equatable {
    public var applied: [AuditEntry]
    public var conflicts: [InventoryConflict]
    public var rows: Int
}
