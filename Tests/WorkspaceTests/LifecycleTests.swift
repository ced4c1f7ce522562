import AuthShiftCore
import Foundation
import Testing

@testable import Workspace

@Suite struct LifecycleTests {
    let selector = SenderSelector(sender: "scanner@contoso.com")

    func store(firstRun: SenderRow.CurrentAuth = .basic) throws -> SQLiteWorkspaceStore {
        let store = try SQLiteWorkspaceStore.create(folder: Fixture.folder())
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-01", senders: [Fixture.sender("scanner@contoso.com", firstRun)]),
            tenant: nil, origin: "t", at: Fixture.at("2026-11-01"))
        return store
    }

    func run(_ store: SQLiteWorkspaceStore, _ day: String, _ auth: SenderRow.CurrentAuth?) throws -> [AuditEntry] {
        let senders = auth.map { [Fixture.sender("scanner@contoso.com", $0)] } ?? []
        guard
            case .stored(_, let transitions) = try store.importRun(
                Fixture.register(asOf: day, senders: senders), tenant: nil, origin: "t",
                at: Fixture.at(day))
        else { return [] }
        return transitions
    }

    func state(_ store: SQLiteWorkspaceStore) throws -> LifecycleState { try store.sender(selector).summary.state }

    func set(_ store: SQLiteWorkspaceStore, _ state: LifecycleState, on day: String) throws {
        _ = try store.edit(
            selector, [try SenderEdit(.state, state.rawValue)], by: EditAuthor(name: "alice", at: Fixture.at(day)), origin: .edit)
    }

    @Test func aNewSenderIsDiscoveredOrOwnerAssignedFromTheInventory() throws {
        let store = try SQLiteWorkspaceStore.create(folder: Fixture.folder())
        _ = try store.importRun(
            Fixture.register(
                asOf: "2026-11-01",
                senders: [
                    Fixture.sender("a@contoso.com", .basic),
                    Fixture.sender("b@contoso.com", .basic, owner: "Facilities"),
                ]),
            tenant: nil, origin: "t", at: Fixture.noon)
        #expect(try store.sender(SenderSelector(sender: "a@contoso.com")).summary.state == .discovered)
        let b = try store.sender(SenderSelector(sender: "b@contoso.com"))
        #expect(b.summary.state == .ownerAssigned && b.summary.owner == "Facilities")
        #expect(b.audit.map(\.origin) == [.discovery, .discovery])
    }

    @Test func cutOverBecomesVerifiedAfterFourteenCleanDays() throws {
        let store = try store()
        try set(store, .cutOver, on: "2026-11-02")
        #expect(try run(store, "2026-11-09", .oauth).isEmpty, "7 days clean is not enough")
        #expect(try state(store) == .cutOver)
        let transitions = try run(store, "2026-11-16", .oauth)
        #expect(try state(store) == .verified)
        #expect(transitions.count == 1)
        #expect(transitions.first?.oldValue == "cut-over" && transitions.first?.newValue == "verified")
        #expect(transitions.first?.by == "authshift" && transitions.first?.origin == .automatic && transitions.first?.runId != nil)
    }

    @Test func aSenderMissingFromTheRunCountsAsClean() throws {
        let store = try store()
        try set(store, .cutOver, on: "2026-11-02")
        _ = try run(store, "2026-11-20", nil)
        #expect(try state(store) == .verified)
    }

    @Test func basicDuringTheCleanPeriodRestartsIt() throws {
        let store = try store()
        try set(store, .cutOver, on: "2026-11-02")
        _ = try run(store, "2026-11-10", .basic)
        _ = try run(store, "2026-11-17", .oauth)
        #expect(try state(store) == .cutOver, "only 7 days since Basic was last seen on 2026-11-10")
        _ = try run(store, "2026-11-24", .oauth)
        #expect(try state(store) == .verified)
    }

    @Test func theVerificationPeriodIsConfigurable() throws {
        let folder = Fixture.folder()
        let store = try SQLiteWorkspaceStore.create(folder: folder, rules: LifecycleRules(verifyAfterDays: 5))
        _ = try store.importRun(
            Fixture.register(asOf: "2026-11-01", senders: [Fixture.sender("scanner@contoso.com", .basic)]),
            tenant: nil, origin: "t", at: Fixture.noon)
        try set(store, .cutOver, on: "2026-11-02")
        _ = try run(store, "2026-11-07", .oauth)
        #expect(try state(store) == .verified)
    }

    @Test(arguments: [LifecycleState.verified, .retired])
    func basicAgainAfterVerifiedOrRetiredIsARegression(_ settled: LifecycleState) throws {
        let store = try store()
        if settled == .verified {
            try set(store, .cutOver, on: "2026-11-02")
            _ = try run(store, "2026-11-20", .oauth)
        } else {
            try set(store, .retired, on: "2026-11-02")
            _ = try run(store, "2026-11-20", nil)
        }
        #expect(try state(store) == settled)
        let transitions = try run(store, "2026-11-27", .basic)
        #expect(try state(store) == .regressed)
        #expect(transitions.map(\.newValue) == ["regressed"])
        let status = try store.status(tenant: nil)
        #expect(status.regressions.map(\.sender) == ["scanner@contoso.com"])
        #expect(status.tenants.first?.regressed == 1)
    }

    @Test func failingBasicAttemptsAlsoRegress() throws {
        let store = try store()
        try set(store, .retired, on: "2026-11-02")
        var row = Fixture.sender("scanner@contoso.com", .oauth)
        row.failingNow = true
        _ = try store.importRun(Fixture.register(asOf: "2026-11-09", senders: [row]), tenant: nil, origin: "t", at: Fixture.noon)
        #expect(try state(store) == .regressed)
    }

    @Test func runsDatedBeforeTheStateWasSetDoNotMoveIt() throws {
        let store = try store()
        try set(store, .retired, on: "2026-11-20")
        _ = try run(store, "2026-11-10", .basic)
        #expect(try state(store) == .retired)
    }

    @Test func otherStatesAreLeftAloneByEvidence() throws {
        let rules = LifecycleRules()
        for state in LifecycleState.allCases where ![.cutOver, .verified, .retired].contains(state) {
            let progress = LifecycleRules.Progress(state: state, stateSince: CalendarDay(iso: "2026-11-01")!)
            for basic in [true, false] {
                let after = rules.apply(.init(asOf: CalendarDay(iso: "2026-12-30")!, showsBasic: basic), to: progress)
                #expect(after.progress == progress && after.reason == nil, "\(state) \(basic)")
            }
        }
    }
}
