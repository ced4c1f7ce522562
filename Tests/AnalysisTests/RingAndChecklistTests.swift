import AuthShiftCore
import Foundation
import Testing

@testable import Analysis
@testable import Ingest

@Suite struct RingAndChecklistTests {
    @Test func ringsFollowTheRules() throws {
        let (s, reg) = try ExceptionCheckerTests.contoso()
        func ring(_ sender: String) -> String? { reg.senders.first { $0.sender == sender }?.ring }
        #expect(ring("monitoring@contoso.com") == "internal-high-volume")
        #expect(ring("billing@contoso.com") == "external-applications")
        #expect(ring("erp@contoso.com") == "pilot")
        #expect(ring("jdoe@contoso.com") == "discovery")
        #expect(reg.automation.allSatisfy { $0.ring == "powershell-automation" })
        let plan = Planner.plan(snapshot: s, register: reg, warnDays: 14)
        let discovery = plan.rings.first { $0.ring == "discovery" }!
        #expect(!discovery.ready && discovery.blockers.count == 3)
        let enforcement = plan.rings.first { $0.ring == "enforcement" }!
        #expect(enforcement.blockers.contains { $0.contains("billing@contoso.com") })
        #expect(!enforcement.blockers.contains { $0.contains("scanner-hq@contoso.com") }, "it has a valid exception")
    }

    @Test func inventoryRingOverridesTheRule() {
        var reg = Register(
            generatedBy: "t", asOf: ExceptionCheckerTests.asOf, timeline: .current, assumption: "",
            tenant: TenantSettings(
                smtpClientAuthenticationDisabled: .value(true), defaultAuthenticationPolicy: nil, securityDefaultsEnabled: nil,
                legacyBlockingConditionalAccessPolicies: [], acceptedDomains: []),
            inputs: [], senders: [], mailboxes: [], automation: [], unknowns: [])
        let rec = Recommendation(path: .hve, rule: "x", confidence: .firm, why: [], watchPoints: [], source: "")
        reg.senders = [
            SenderRow(
                sender: "a@contoso.com", system: "S", sources: [], currentAuth: .basic, messages: 1, volume: .low, tls: nil,
                signIns: SignInFacts(), smtpAuth: SmtpAuthState(enabled: true, decidedBy: .mailbox, evidence: ""), basicAllowed: true,
                basicBlockedBy: [], breaksAtDefaultChange: true, failingNow: false, recipients: .internal, owner: "IT", workload: nil,
                oauthCapable: nil, staticIP: nil, notes: nil, recommendation: rec, evidence: [], unknowns: [])
        ]
        let item = InventoryEntry(
            sender: "a@contoso.com", system: "S", owner: "IT", workload: nil, oauthCapable: nil, staticIP: nil, notes: nil,
            ring: "Pilot", sources: [], location: ExportLocation(file: "i.csv", line: 2))
        RingPlanner.assignRings(&reg, inventory: [item])
        #expect(reg.senders[0].ring == "pilot")
        RingPlanner.assignRings(&reg, inventory: [])
        #expect(reg.senders[0].ring == "internal-high-volume")
    }

    @Test func checklistHasSixteenItemsWithMappings() throws {
        let (s, reg) = try ExceptionCheckerTests.contoso()
        let items = Planner.plan(snapshot: s, register: reg, warnDays: 14).checklist
        #expect(items.count == 16)
        #expect(items.map(\.check) == (1...16).map { String(format: "checklist-%02d", $0) })
        func item(_ n: Int) -> CheckResult { items[n - 1] }
        #expect(item(1).status == .pass && item(1).controls == ["MS.EXO.5.1v1", "CIS 6.5.4"])
        #expect(item(2).status == .fail, "exception checks fail in the sample")
        #expect(item(9).controls == ["CIS 6.5.5"])
        #expect(item(12).status == .fail, "two accounts use Exchange Online PowerShell legacy sign-ins")
        #expect(item(15).status == .pass && item(15).controls == ["MS.AAD.1.1v1", "CIS 5.2.2.3"])
        for n in [5, 6, 11, 13, 14, 16] { #expect(item(n).status == .unknown && item(n).decidedBy != nil) }
    }

    @Test func checklistFailuresForEachDecidableItem() throws {
        var (s, reg) = try ExceptionCheckerTests.contoso()
        reg.tenant.smtpClientAuthenticationDisabled = .value(false)
        s.conditionalAccessPolicies = []
        s.inboundConnectors = [
            InboundConnectorSetting(
                name: "Open", connectorType: "OnPremises", enabled: .value(true), senderIPAddresses: [],
                senderDomains: nil, tlsSenderCertificateName: nil, location: ExportLocation(file: "ic.json", line: 1))
        ]
        let items = Planner.plan(snapshot: s, register: reg, warnDays: 14).checklist
        #expect(items[0].status == .fail)
        #expect(items[9].status == .fail)
        #expect(items[14].status == .fail)
        let missing = PreventionChecklist(snapshot: TenantSnapshot(), register: reg, exceptionResults: []).run()
        #expect(missing[9].status == .unknown && missing[14].status == .unknown)
    }
}
