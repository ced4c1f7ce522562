import AuthShiftCore
import Foundation
import Testing

@testable import Workspace

@Suite struct EditTests {
    func store() throws -> SQLiteWorkspaceStore {
        let store = try SQLiteWorkspaceStore.create(folder: Fixture.folder())
        _ = try store.importRun(
            Fixture.register(
                asOf: "2026-11-01",
                senders: [
                    Fixture.sender("scanner@contoso.com", .basic),
                    Fixture.sender("scanner@contoso.com", .basic, system: "fax"),
                ]),
            tenant: nil, origin: "t", at: Fixture.noon)
        return store
    }

    @Test func everyChangedFieldIsAnAuditRowWithWhoWhenOldAndNew() throws {
        let store = try store()
        let selector = SenderSelector(sender: "scanner@contoso.com", system: "printer")
        let at = Fixture.at("2026-11-03")
        let rows = try store.edit(
            selector,
            [
                try SenderEdit(.owner, "Facilities"), try SenderEdit(.ticket, "CHG-42"),
                try SenderEdit(.cutoverDate, "2026-12-01"), try SenderEdit(.note, "firmware 4.2 has OAuth"),
            ],
            by: EditAuthor(name: "alice", at: at), origin: .edit)
        #expect(rows.map(\.field) == [.owner, .ticket, .cutoverDate, .note, .state])
        #expect(rows.allSatisfy { $0.by == "alice" && $0.at == at && $0.origin == .edit })
        #expect(rows.first?.oldValue == nil && rows.first?.newValue == "Facilities")
        #expect(rows.last?.oldValue == "discovered" && rows.last?.newValue == "owner-assigned", "an owner moves a discovered sender on")
        let second = try store.edit(
            selector, [try SenderEdit(.owner, "Print team"), try SenderEdit(.ticket, "CHG-42")],
            by: EditAuthor(name: "bob", at: at), origin: .edit)
        #expect(second.count == 1, "an unchanged ticket is not an edit")
        #expect(second.first?.oldValue == "Facilities" && second.first?.newValue == "Print team")
        let detail = try store.sender(selector)
        #expect(
            detail.summary.owner == "Print team" && detail.summary.ticket == "CHG-42"
                && detail.summary.cutoverDate == CalendarDay(iso: "2026-12-01"))
        #expect(detail.audit.filter { $0.origin == .edit }.count == 6)
    }

    @Test func choosingAPathMovesToPathChosen() throws {
        let store = try store()
        let rows = try store.edit(
            SenderSelector(sender: "scanner@contoso.com", system: "fax"), [try SenderEdit(.path, "local-bridge")],
            by: EditAuthor(name: "alice", at: Fixture.noon), origin: .edit)
        #expect(rows.last?.newValue == "path-chosen")
    }

    @Test func anAmbiguousSenderNamesTheCandidates() throws {
        let store = try store()
        let error = #expect(throws: WorkspaceError.self) {
            try store.edit(
                SenderSelector(sender: "scanner@contoso.com"), [try SenderEdit(.owner, "x")], by: EditAuthor(name: "a", at: Fixture.noon),
                origin: .edit)
        }
        #expect(error?.kind == .ambiguous && error?.description.contains("fax") == true && error?.description.contains("printer") == true)
    }

    @Test(arguments: [
        (SenderField.path, "carrier-pigeon"), (.cutoverDate, "2026-02-30"), (.state, "verified"), (.state, "regressed"),
        (.state, "done"), (.state, ""),
    ])
    func badValuesAreRefusedNamingTheField(_ field: SenderField, _ value: String) {
        let error = #expect(throws: WorkspaceError.self) { try SenderEdit(field, value, file: "owners.csv:4") }
        #expect(error?.field == field.rawValue && error?.file == "owners.csv:4")
    }

    @Test func clearingAFieldIsAnEditToo() throws {
        let store = try store()
        let selector = SenderSelector(sender: "scanner@contoso.com", system: "fax")
        _ = try store.edit(selector, [try SenderEdit(.note, "x")], by: EditAuthor(name: "a", at: Fixture.noon), origin: .edit)
        let rows = try store.edit(selector, [try SenderEdit(.note, "")], by: EditAuthor(name: "a", at: Fixture.noon), origin: .edit)
        #expect(rows.count == 1 && rows[0].oldValue == "x" && rows[0].newValue == nil)
    }
}
