import AuthShiftCore
import Foundation
import GRDB
import Testing

@testable import Workspace

@Suite struct StoreOpeningTests {
    @Test func createsAWorkspaceInWALModeWithItsApplicationID() throws {
        let folder = Fixture.folder() + "/new"
        let store = try SQLiteWorkspaceStore.create(folder: folder)
        try store.close()
        let queue = try DatabaseQueue(path: folder + "/workspace.sqlite")
        let mode = try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        let id = try queue.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") }
        #expect(mode == "wal")
        #expect(id == WorkspaceSchema.applicationID)
        #expect(try SQLiteWorkspaceStore(folder: folder).check().isEmpty)
    }

    @Test func aMissingWorkspaceIsNoInput() throws {
        let error = #expect(throws: WorkspaceError.self) { try SQLiteWorkspaceStore(folder: Fixture.folder() + "/absent") }
        #expect(error?.kind == .missing)
        #expect(error?.exitStatus == .noInput)
        #expect(error?.description.contains("workspace init") == true)
    }

    @Test func anotherSQLiteDatabaseIsRefusedAndLeftAsItWas() throws {
        let folder = Fixture.folder()
        let path = folder + "/workspace.sqlite"
        let other = try DatabaseQueue(path: path)
        try other.write { try $0.execute(sql: "CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES ('mine')") }
        try other.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: WorkspaceError.self) { try SQLiteWorkspaceStore(folder: folder) }
        #expect(error?.kind == .notAWorkspace)
        #expect(error?.exitStatus == .dataError)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "not switched to WAL")
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftAsItWas() throws {
        let folder = Fixture.folder()
        let path = folder + "/workspace.sqlite"
        let bytes = Data("sender,system\nscanner@contoso.com,printer\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: WorkspaceError.self) { try SQLiteWorkspaceStore(folder: folder) }
        #expect(error?.kind == .notAWorkspace)
        #expect(error?.description.hasPrefix(path) == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aNewerSchemaIsRefusedAndNothingChanges() throws {
        let folder = Fixture.folder()
        let store = try SQLiteWorkspaceStore.create(folder: folder)
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-01", senders: [Fixture.sender("a@contoso.com", .basic)]),
            tenant: nil, origin: "test", at: Fixture.noon)
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v9-from-the-future')")
        }
        try store.close()
        let path = folder + "/workspace.sqlite"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: WorkspaceError.self) { try SQLiteWorkspaceStore(folder: folder) }
        #expect(error?.kind == .newerSchema)
        #expect(error?.exitStatus == .dataError)
        #expect(error?.description.contains("v9-from-the-future") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func anUpgradeCopiesTheFileFirst() throws {
        let folder = Fixture.folder()
        let path = folder + "/workspace.sqlite"
        // A workspace from before a migration existed: the first one applied, then an upgrade to two.
        var old = DatabaseMigrator()
        old.registerMigration("v1-runs-senders-audit") { db in
            try db.execute(sql: "PRAGMA application_id = \(WorkspaceSchema.applicationID)")
            try db.execute(sql: "CREATE TABLE marker(x INTEGER)")
        }
        let queue = try DatabaseQueue(path: path)
        try old.migrate(queue)
        try queue.close()
        var upgraded = old
        upgraded.registerMigration("v2-test") { db in try db.execute(sql: "CREATE TABLE marker2(x INTEGER)") }
        let backup = WorkspaceLayout(folder: folder).backupPath(before: "v2-test")
        try SQLiteWorkspaceStore.copyBeforeUpgradeIfNeeded(path: path, migrator: upgraded, layout: WorkspaceLayout(folder: folder))
        #expect(FileManager.default.fileExists(atPath: backup))
        let copy = try DatabaseQueue(path: backup)
        #expect(try copy.read { try $0.tableExists("marker") && !$0.tableExists("marker2") })
    }
}
