import AuthShiftCore
import Foundation
import Testing

@testable import Workspace

@Suite struct RunImportTests {
    @Test func theSameInputsTwiceAddNothing() throws {
        let store = try SQLiteWorkspaceStore.create(folder: Fixture.folder())
        let register = Fixture.register(
            asOf: "2026-11-01", senders: [Fixture.sender("scanner@contoso.com", .basic)],
            mailboxes: [Fixture.mailbox("scanner@contoso.com", enabled: true)])
        let first = try store.importRun(register, tenant: nil, origin: "assess", at: Fixture.noon)
        guard case .stored(let run, _) = first else {
            Issue.record("not stored")
            return
        }
        #expect(run.tenant == "contoso.onmicrosoft.com")
        #expect(run.basicSenders == 1 && run.breakingSenders == 1 && run.mailboxes == 1)
        let again = try store.importRun(register, tenant: nil, origin: "assess", at: Fixture.noon)
        #expect(again == .alreadyStored(run: run))
        #expect(try store.runs(tenant: nil).count == 1)
        #expect(try store.audit(tenant: nil, after: nil, limit: 100).count == 1, "only the discovery row")
    }

    @Test func aStoredRunReadsBackAsTheRegisterItWas() throws {
        let store = try SQLiteWorkspaceStore.create(folder: Fixture.folder())
        let exceptions = [
            ExceptionRecord(
                mailbox: "legacy@contoso.com", system: "erp", owner: "ops", expires: CalendarDay(iso: "2026-12-20"),
                replacement: "hve", ticket: "CHG-1", status: .valid)
        ]
        let register = Fixture.register(
            asOf: "2026-11-01",
            senders: [
                Fixture.sender("scanner@contoso.com", .basic),
                Fixture.sender("crm@contoso.com", .oauth, system: "crm"),
            ],
            mailboxes: [Fixture.mailbox("scanner@contoso.com", enabled: true), Fixture.mailbox("crm@contoso.com", enabled: false)],
            exceptions: exceptions)
        let run = try store.importRun(register, tenant: nil, origin: "assess", at: Fixture.noon).run
        #expect(try store.register(run: run.id) == register)
    }

    @Test func unchangedMailboxRowsAreStoredOnce() throws {
        let store = try SQLiteWorkspaceStore.create(folder: Fixture.folder())
        let mailboxes = (0..<50).map { Fixture.mailbox("user\($0)@contoso.com", enabled: true) }
        var later = mailboxes
        later[7] = Fixture.mailbox("user7@contoso.com", enabled: false)
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-01", senders: [], mailboxes: mailboxes), tenant: nil, origin: "t", at: Fixture.noon)
        let second = try store.importRun(
            Fixture.register(asOf: "2026-11-08", senders: [], mailboxes: later), tenant: nil, origin: "t", at: Fixture.noon)
        let versions = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM mailboxVersion") }
        #expect(versions == 51)
        #expect(try store.register(run: second.run.id).mailboxes == MailboxRows(later))
    }

    @Test func aSenderKeepsOneIdentityAcrossRuns() throws {
        let store = try SQLiteWorkspaceStore.create(folder: Fixture.folder())
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-01", senders: [Fixture.sender("Scanner@contoso.com", .basic)]),
            tenant: nil, origin: "t", at: Fixture.noon)
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-08", senders: [Fixture.sender("scanner@contoso.com", .oauth)]),
            tenant: nil, origin: "t", at: Fixture.noon)
        let detail = try store.sender(SenderSelector(sender: "scanner@contoso.com"))
        #expect(detail.runs.map(\.currentAuth) == [.basic, .oauth])
        #expect(detail.summary.currentAuth == .oauth && !detail.summary.basic)
        #expect(try store.senders(SenderQuery()).total == 1)
    }

    @Test func anOlderRunImportedLaterDoesNotReplaceTheLatestEvidence() throws {
        let store = try SQLiteWorkspaceStore.create(folder: Fixture.folder())
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-08", senders: [Fixture.sender("scanner@contoso.com", .oauth)]),
            tenant: nil, origin: "t", at: Fixture.noon)
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-01", senders: [Fixture.sender("scanner@contoso.com", .basic)]),
            tenant: nil, origin: "t", at: Fixture.noon)
        let summary = try store.sender(SenderSelector(sender: "scanner@contoso.com")).summary
        #expect(summary.currentAuth == .oauth)
        #expect(try store.runs(tenant: nil).map(\.asOf.description) == ["2026-11-01", "2026-11-08"])
    }

    @Test func anotherSchemaIsRefusedNamingTheField() throws {
        let store = try SQLiteWorkspaceStore.create(folder: Fixture.folder())
        var register = Fixture.register(asOf: "2026-11-01", senders: [])
        register.schema = "authshift.register/9"
        let error = #expect(throws: WorkspaceError.self) {
            try store.importRun(register, tenant: nil, origin: "old.json", at: Fixture.noon)
        }
        #expect(error?.field == "schema" && error?.file == "old.json")
        #expect(try store.runs(tenant: nil).isEmpty)
    }
}

@Suite struct SenderIdentityTests {
    @Test func anUnidentifiedSystemKeepsItsIdentityWhenItsPlaceholderChanges() throws {
        let store = try SQLiteWorkspaceStore.create(folder: Fixture.folder())
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-01", senders: [Fixture.sender("old@contoso.com", .basic, system: "unidentified system")]),
            tenant: nil, origin: "t", at: Fixture.noon)
        _ = try store.edit(
            SenderSelector(sender: "old@contoso.com"), [try SenderEdit(.state, "retired")],
            by: EditAuthor(name: "a", at: Fixture.at("2026-11-02")), origin: .edit)
        _ = try store.importRun(
            Fixture.register(
                asOf: "2026-11-20",
                senders: [
                    Fixture.sender("old@contoso.com", .basic, system: "unidentified system at 203.0.113.15")
                ]), tenant: nil, origin: "t", at: Fixture.noon)
        let page = try store.senders(SenderQuery())
        #expect(page.total == 1)
        #expect(page.rows.first?.state == .regressed && page.rows.first?.system == "unidentified system at 203.0.113.15")
    }

    @Test func twoNamedSystemsOfOneAddressAreTwoSenders() throws {
        let store = try SQLiteWorkspaceStore.create(folder: Fixture.folder())
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-01", senders: [Fixture.sender("a@contoso.com", .basic, system: "printer")]),
            tenant: nil, origin: "t", at: Fixture.noon)
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-08", senders: [Fixture.sender("a@contoso.com", .basic, system: "fax")]),
            tenant: nil, origin: "t", at: Fixture.noon)
        #expect(try store.senders(SenderQuery()).total == 2)
    }
}

@Suite struct MailboxPageTests {
    @Test func theLatestRunsMailboxesArePagedAndSearched() throws {
        let store = try SQLiteWorkspaceStore.create(folder: Fixture.folder())
        let old = (0..<5).map { Fixture.mailbox("old\($0)@contoso.com", enabled: true) }
        let new = (0..<30).map { Fixture.mailbox("user\($0)@contoso.com", enabled: $0 % 2 == 0) }
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-01", senders: [], mailboxes: old), tenant: nil, origin: "t", at: Fixture.noon)
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-08", senders: [], mailboxes: new), tenant: nil, origin: "t", at: Fixture.noon)
        let page = try store.mailboxes(tenant: "contoso.onmicrosoft.com", search: nil, offset: 10, limit: 10)
        #expect(page.total == 30 && page.rows.count == 10)
        #expect(page.rows.first?.address == new.map(\.address).sorted()[10])
        let found = try store.mailboxes(tenant: "contoso.onmicrosoft.com", search: "USER2", offset: 0, limit: 100)
        #expect(found.rows.map(\.address) == new.map(\.address).filter { $0.hasPrefix("user2") }.sorted())
        #expect(found.total == 11)
    }
}
