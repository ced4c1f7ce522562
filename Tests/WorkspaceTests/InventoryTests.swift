import AuthShiftCore
import Foundation
import Testing

@testable import Workspace

@Suite struct InventoryTests {
    func store() throws -> SQLiteWorkspaceStore {
        let store = try SQLiteWorkspaceStore.create(folder: Fixture.folder())
        _ = try store.importRun(
            Fixture.register(
                asOf: "2026-11-01",
                senders: [
                    Fixture.sender("scanner@contoso.com", .basic),
                    Fixture.sender("erp@contoso.com", .basic, system: "erp"),
                ]),
            tenant: nil, origin: "t", at: Fixture.noon)
        return store
    }

    /// Writes rows as the owners' spreadsheet would save them (with a BOM, CRLF and quoted cells).
    func save(_ rows: [InventoryRow]) throws -> String {
        let path = Fixture.folder() + "/owners.csv"
        func cell(_ s: String) -> String {
            s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var text = "\u{FEFF}" + InventoryRow.header.joined(separator: ",") + "\r\n"
        for row in rows { text += row.cells.map(cell).joined(separator: ",") + "\r\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aRoundTripAppliesTheOwnersChangesAndReportsAConflict() throws {
        let store = try store()
        var sheet = try store.inventory(tenant: nil)
        #expect(sheet.map(\.sender) == ["erp@contoso.com", "scanner@contoso.com"])
        // In the sheet: the owners fill in the scanner's owner and ticket, and the ERP's note.
        sheet[1].owner = "Facilities, Building 2"
        sheet[1].ticket = "CHG-7"
        sheet[0].note = "vendor says \"OAuth in Q1\""
        // Meanwhile in the workspace: someone sets the ERP's note.
        _ = try store.edit(
            SenderSelector(sender: "erp@contoso.com"), [try SenderEdit(.note, "moving to ACS")],
            by: EditAuthor(name: "carol", at: Fixture.at("2026-11-02")), origin: .edit)
        let rows = try InventoryCSV.read(path: try save(sheet))
        #expect(rows[1].owner == "Facilities, Building 2" && rows[1].location?.hasSuffix("owners.csv:3") == true)
        let result = try store.importInventory(rows, by: EditAuthor(name: "dave", at: Fixture.at("2026-11-03")))
        #expect(result.conflicts.count == 1)
        let conflict = try #require(result.conflicts.first)
        #expect(conflict.sender == "erp@contoso.com" && conflict.field == .note && conflict.changedBy == "carol")
        #expect(conflict.sheetValue == "vendor says \"OAuth in Q1\"" && conflict.workspaceValue == "moving to ACS")
        #expect(
            try store.sender(SenderSelector(sender: "erp@contoso.com")).summary.note == "moving to ACS", "the workspace's value is kept")
        let scanner = try store.sender(SenderSelector(sender: "scanner@contoso.com"))
        #expect(
            scanner.summary.owner == "Facilities, Building 2" && scanner.summary.ticket == "CHG-7"
                && scanner.summary.state == .ownerAssigned)
        #expect(result.applied.filter { $0.origin == .inventory && $0.by == "dave" }.count == 3)
        // The same sheet again changes nothing more.
        let again = try store.importInventory(rows, by: EditAuthor(name: "dave", at: Fixture.at("2026-11-03")))
        #expect(again.applied.isEmpty)
    }

    @Test func oneBadValueAppliesNothingAndNamesTheLineAndField() throws {
        let store = try store()
        var sheet = try store.inventory(tenant: nil)
        sheet[0].owner = "ERP team"
        sheet[1].cutoverDate = "2026-13-01"
        let path = try save(sheet)
        let rows = try InventoryCSV.read(path: path)
        let error = #expect(throws: WorkspaceError.self) { try store.importInventory(rows, by: EditAuthor(name: "d", at: Fixture.noon)) }
        #expect(error?.file == path + ":3" && error?.field == "cutover_date")
        #expect(try store.sender(SenderSelector(sender: "erp@contoso.com")).summary.owner == nil)
    }

    @Test func aSheetWithoutTheRevisionColumnIsRefused() throws {
        let path = Fixture.folder() + "/owners.csv"
        try "tenant,sender,system,state,owner\r\nx,a@b.c,printer,discovered,me\r\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: WorkspaceError.self) { try InventoryCSV.read(path: path) }
        #expect(error?.field == "path", "the first missing column is named")
        #expect(error?.exitStatus == .dataError)
    }

    @Test func automaticStatesInTheSheetAreNotEdits() throws {
        let store = try store()
        _ = try store.edit(
            SenderSelector(sender: "scanner@contoso.com"), [try SenderEdit(.state, "retired")],
            by: EditAuthor(name: "a", at: Fixture.at("2026-11-01")), origin: .edit)
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-08", senders: [Fixture.sender("scanner@contoso.com", .basic)]),
            tenant: nil, origin: "t", at: Fixture.noon)
        let sheet = try store.inventory(tenant: nil)
        #expect(sheet[1].state == "regressed")
        let result = try store.importInventory(try InventoryCSV.read(path: try save(sheet)), by: EditAuthor(name: "d", at: Fixture.noon))
        #expect(result.applied.isEmpty && result.conflicts.isEmpty)
    }
}
