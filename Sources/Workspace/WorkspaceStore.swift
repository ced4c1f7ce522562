import AuthShiftCore

/// The workspace's operations, independent of the engine that keeps them. SQLite
/// (`SQLiteWorkspaceStore`) is the embedded default; each method is one transaction.
public protocol WorkspaceStore: Sendable {
    /// Stores a register as a run of `tenant` (or the tenant the register names), unless a run
    /// from the same inputs is stored already; applies the lifecycle rules to its evidence.
    func importRun(_ register: Register, tenant: String?, origin: String, at: Timestamp) throws -> ImportOutcome
    func tenants() throws -> [String]
    /// Runs, oldest first by as-of day, of one tenant or all.
    func runs(tenant: String?) throws -> [RunSummary]
    /// A stored run's register, as it was stored.
    func register(run: Int64) throws -> Register
    func status(tenant: String?) throws -> WorkspaceStatus
    func senders(_ query: SenderQuery) throws -> SenderPage
    func sender(_ selector: SenderSelector) throws -> SenderDetail
    /// A page of the tenant's latest run's mailbox rows, by address; `search` matches part of the address.
    func mailboxes(tenant: String, search: String?, offset: Int, limit: Int) throws -> MailboxPage
    /// Applies edits to one sender; every changed field becomes an audit row. Returns those rows.
    func edit(_ selector: SenderSelector, _ edits: [SenderEdit], by author: EditAuthor, origin: AuditEntry.Origin) throws -> [AuditEntry]
    /// Audit rows, newest first, of one tenant or all; `after` pages on.
    func audit(tenant: String?, after: Int64?, limit: Int) throws -> [AuditEntry]
    /// The owners' sheet: one row per sender with its editable fields and revision.
    func inventory(tenant: String?) throws -> [InventoryRow]
    /// Applies an owners' sheet; fields changed in the workspace since the sheet was made are conflicts, left as they are.
    func importInventory(_ rows: [InventoryRow], by author: EditAuthor) throws -> InventoryImportResult
    /// SQLite's integrity check (and the workspace's own): empty when all is well.
    func check() throws -> [String]
}
