import AuthShiftCore
import Testing

@testable import Analysis
@testable import Ingest

@Suite struct ConditionalAccessScopeTests {
    static func policy(
        state: String = "enabled", include: [String] = ["All"], exclude: [String] = [], excludeGroups: [String] = [],
        includeGroups: [String] = [], apps: [String] = ["All"], controls: [String] = ["block"],
        clientApps: [String] = ["exchangeActiveSync", "other"]
    ) -> ConditionalAccessPolicySetting {
        ConditionalAccessPolicySetting(
            id: "p", displayName: "Block legacy authentication", state: state, clientAppTypes: clientApps,
            includeUsers: include, excludeUsers: exclude, includeGroups: includeGroups, excludeGroups: excludeGroups,
            includeRoles: [], excludeRoles: [], includeApplications: apps, builtInControls: controls,
            location: ExportLocation(file: "ca.json", line: 1))
    }

    func decide(_ p: ConditionalAccessPolicySetting, objectId: String? = "oid-1") -> MailboxDecision {
        var s = EffectiveStateTruthTableTests.snapshot(.init(mailbox: .isFalse, tenant: .isFalse, policy: .allow, securityDefaults: false))
        s.users[0].objectId = objectId
        s.conditionalAccessPolicies = [p]
        return EffectiveStateEvaluator(index: TenantIndex(s)).evaluate(EffectiveStateTruthTableTests.address)
    }

    @Test func allUsersBlocks() {
        let d = decide(Self.policy())
        #expect(d.basicAllowed == false)
        #expect(d.blockedBy.map(\.layer) == [.conditionalAccess])
    }

    @Test func excludedByObjectIdDoesNotBlock() {
        #expect(decide(Self.policy(exclude: ["OID-1"])).basicAllowed == true)
    }

    @Test func includedByObjectIdBlocks() {
        #expect(decide(Self.policy(include: ["oid-1"])).basicAllowed == false)
        #expect(decide(Self.policy(include: ["someone-else"])).basicAllowed == true)
    }

    @Test func groupExclusionsAreUncertain() {
        let d = decide(Self.policy(excludeGroups: ["g1"]))
        #expect(d.basicAllowed == nil)
        #expect(d.unknowns.contains { $0.what.contains("membership") })
    }

    @Test func unknownObjectIdWithNamedUsersIsUncertain() {
        #expect(decide(Self.policy(exclude: ["oid-9"]), objectId: nil).basicAllowed == nil)
        // "All users" with no exclusions needs no object ID.
        #expect(decide(Self.policy(), objectId: nil).basicAllowed == false)
    }

    @Test(arguments: [
        policy(state: "enabledForReportingButNotEnforced"),
        policy(state: "disabled"),
        policy(controls: ["mfa"]),
        policy(clientApps: ["browser", "mobileAppsAndDesktopClients"]),
        policy(apps: ["00000003-0000-0ff1-ce00-000000000000"]),
    ])
    func policiesThatDoNotBlockSMTP(p: ConditionalAccessPolicySetting) {
        #expect(decide(p).basicAllowed == true)
    }
}
