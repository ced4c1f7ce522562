import AuthShiftCore
import Ingest

/// The snapshot's settings indexed by address and name, so per-mailbox decisions are
/// lookups. Built once per assessment.
struct TenantIndex {
    let snapshot: TenantSnapshot
    let casByAddress: [String: CASMailboxSetting]
    let usersByAddress: [String: UserPolicyAssignment]
    let policiesByName: [String: AuthenticationPolicySetting]
    let transport: TransportConfigSetting?
    let organization: OrganizationConfigSetting?
    let securityDefaults: SecurityDefaultsSetting?
    let conditionalAccess: [ConditionalAccessPolicySetting]
    let acceptedDomains: Set<String>

    init(_ snapshot: TenantSnapshot) {
        self.snapshot = snapshot
        var cas: [String: CASMailboxSetting] = [:]
        for m in snapshot.casMailboxes where cas[m.address] == nil { cas[m.address] = m }
        casByAddress = cas
        var users: [String: UserPolicyAssignment] = [:]
        for u in snapshot.users {
            if users[u.userPrincipalName] == nil { users[u.userPrincipalName] = u }
            for other in u.otherAddresses where users[other] == nil { users[other] = u }
        }
        usersByAddress = users
        var policies: [String: AuthenticationPolicySetting] = [:]
        for p in snapshot.authenticationPolicies where policies[p.name.lowercased()] == nil { policies[p.name.lowercased()] = p }
        policiesByName = policies
        transport = snapshot.transportConfigs.first
        organization = snapshot.organizationConfigs.first
        securityDefaults = snapshot.securityDefaults.first
        conditionalAccess = snapshot.conditionalAccessPolicies
        acceptedDomains = Set(snapshot.acceptedDomains.map(\.domainName))
    }

    func has(_ kind: ExportKind) -> Bool { snapshot.has(kind) }
}
