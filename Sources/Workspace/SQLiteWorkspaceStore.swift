import AuthShiftCore
import Foundation
import GRDB

/// The workspace in one SQLite file (WAL mode) through GRDB: one Sendable type owns the
/// database, migrates it on open (copying the file first when it upgrades an existing
/// workspace), and runs each business method in one transaction.
public final class SQLiteWorkspaceStore: WorkspaceStore {
    public let layout: WorkspaceLayout
    public let rules: LifecycleRules
    public let mailboxStorage: MailboxStorage
    let pool: DatabasePool

    /// How mailbox rows are kept across runs.
    public enum MailboxStorage: Sendable {
        /// A row's content is stored once and shared by every run in which it is unchanged (default).
        case changedOnly
        /// Every run stores every mailbox row again (kept to measure the difference, docs/benchmarks.md).
        case everyRun
    }

    /// Seconds a write waits for another process's write to finish before failing.
    public static let busyTimeout: TimeInterval = 60

    /// Creates a workspace in `folder` (the folder too, when missing). An existing workspace
    /// there is opened as it is.
    public static func create(folder: String, rules: LifecycleRules = LifecycleRules()) throws -> SQLiteWorkspaceStore {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError(.database, file: folder, "cannot create the workspace folder: \(error.localizedDescription)")
        }
        return try SQLiteWorkspaceStore(layout: WorkspaceLayout(folder: folder), rules: rules, create: true)
    }

    /// Opens an existing workspace; refuses a missing one (66), a file that is not a workspace
    /// or one with a newer schema (65), changing nothing.
    public convenience init(folder: String, rules: LifecycleRules = LifecycleRules(), mailboxStorage: MailboxStorage = .changedOnly) throws
    {
        try self.init(layout: WorkspaceLayout(folder: folder), rules: rules, create: false, mailboxStorage: mailboxStorage)
    }

    init(layout: WorkspaceLayout, rules: LifecycleRules, create: Bool, mailboxStorage: MailboxStorage = .changedOnly) throws {
        self.layout = layout
        self.rules = rules
        self.mailboxStorage = mailboxStorage
        let path = layout.databasePath
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create {
            var isFolder: ObjCBool = false
            let folderExists = FileManager.default.fileExists(atPath: layout.folder, isDirectory: &isFolder)
            let advice = "create one with 'authshift workspace init \(layout.folder)'"
            throw WorkspaceError(
                .missing, file: layout.folder,
                folderExists && isFolder.boolValue
                    ? "not a workspace: it has no \(WorkspaceLayout.databaseName); \(advice)" : "no such workspace folder; \(advice)")
        }
        let migrator = WorkspaceSchema.migrator
        if exists { try Self.copyBeforeUpgradeIfNeeded(path: path, migrator: migrator, layout: layout) }

        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try migrator.migrate(pool)
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw WorkspaceError(.database, file: path, "cannot open the workspace: \(error)")
        }
    }

    /// Reads, without writing anything, whether the file is a workspace this binary can open,
    /// and which migrations it has.
    private static func inspect(path: String, migrator: DatabaseMigrator) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db -> [String] in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                if tables == 0 && applicationID == 0 { return [] }
                guard applicationID == WorkspaceSchema.applicationID else {
                    throw WorkspaceError(
                        .notAWorkspace, file: path, "this SQLite database is not an authshift workspace; nothing was changed")
                }
                if try migrator.hasBeenSuperseded(db) {
                    let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
                    throw WorkspaceError(
                        .newerSchema, file: path,
                        "written by a newer authshift (schema \(unknown.joined(separator: ", ")) is unknown to this one); "
                            + "upgrade authshift to open it; nothing was changed")
                }
                return try migrator.appliedMigrations(db)
            }
        } catch let error as WorkspaceError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw WorkspaceError(.notAWorkspace, file: path, "not an SQLite database, so not an authshift workspace; nothing was changed")
        } catch {
            throw WorkspaceError(.database, file: path, "cannot read the workspace: \(error)")
        }
    }

    /// Checks the file (see `inspect`) and, when the migrator is about to upgrade an existing
    /// workspace, takes a copy of the whole file first with SQLite's online backup.
    static func copyBeforeUpgradeIfNeeded(path: String, migrator: DatabaseMigrator, layout: WorkspaceLayout) throws {
        let applied = try inspect(path: path, migrator: migrator)
        guard !applied.isEmpty, applied.count < migrator.migrations.count else { return }
        let backup = layout.backupPath(before: migrator.migrations[applied.count])
        do {
            let source = try DatabaseQueue(path: path)
            defer { try? source.close() }
            let copy = try DatabaseQueue(path: backup)
            defer { try? copy.close() }
            try source.backup(to: copy)
        } catch {
            throw WorkspaceError(.database, file: backup, "cannot copy the workspace before upgrading it; nothing was changed: \(error)")
        }
    }

    /// Runs `body` in one IMMEDIATE transaction (the write lock taken at once, so that two
    /// processes wait for each other through the busy timeout instead of failing).
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw WorkspaceError(.database, file: layout.databasePath, "\(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw WorkspaceError(.database, file: layout.databasePath, "\(error)")
        }
    }

    public func check() throws -> [String] {
        try read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            problems += try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            let orphans = try Int.fetchOne(db, sql: "SELECT count(*) FROM sender WHERE lastRunId NOT IN (SELECT id FROM run)") ?? 0
            if orphans > 0 { problems.append("\(orphans) sender(s) refer to a run that is not stored") }
            return problems
        }
    }

    /// Closes the database (tests reopen the same file).
    public func close() throws {
        try pool.close()
    }
}
