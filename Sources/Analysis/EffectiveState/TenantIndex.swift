import AuthShiftCore
import Ingest

/// The snapshot's settings indexed by address and name, so per-mailbox decisions are
/// lookups. Built once per assessment.
struct TenantIndex {
    let snapshot: TenantSnapshot
    let casByAddress: [String: CASMailboxSetting]
    let usersByAddress: [String: UserPolicyAssignment]
    /// Graph users by UPN and mail: the object ID Conditional Access names users by, where
    /// Get-User's ExternalDirectoryObjectId is not at hand.
    let entraUsersByAddress: [String: EntraUser]
    let policiesByName: [String: AuthenticationPolicySetting]
    let transport: TransportConfigSetting?
    let organization: OrganizationConfigSetting?
    let securityDefaults: SecurityDefaultsSetting?
    /// Enabled legacy-blocking policies with their user lists lower-cased once.
    let legacyBlocking: [LegacyBlockingPolicy]
    let conditionalAccess: [ConditionalAccessPolicySetting]
    let acceptedDomains: Set<String>
    /// Successful Basic SMTP sign-ins per address (ObservedBasicSMTP).
    let observedBasic: [String: ObservedBasicSMTP]
    /// When each configuration export was taken (ExportFileDates).
    let exportDates: [String: Timestamp]

    struct LegacyBlockingPolicy {
        let policy: ConditionalAccessPolicySetting
        let include: Set<String>
        let exclude: Set<String>
        let appliesToExchange: Bool
    }

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
        var entra: [String: EntraUser] = [:]
        for u in snapshot.entraUsers {
            if entra[u.userPrincipalName] == nil { entra[u.userPrincipalName] = u }
            if let mail = u.mail, entra[mail] == nil { entra[mail] = u }
        }
        entraUsersByAddress = entra
        var policies: [String: AuthenticationPolicySetting] = [:]
        for p in snapshot.authenticationPolicies where policies[p.name.lowercased()] == nil { policies[p.name.lowercased()] = p }
        policiesByName = policies
        transport = snapshot.transportConfigs.first
        organization = snapshot.organizationConfigs.first
        securityDefaults = snapshot.securityDefaults.first
        conditionalAccess = snapshot.conditionalAccessPolicies
        legacyBlocking = snapshot.conditionalAccessPolicies.filter(\.blocksLegacyAuthentication).map { p in
            let apps = p.includeApplications.map { $0.lowercased() }
            return LegacyBlockingPolicy(
                policy: p, include: Set(p.includeUsers.map { $0.lowercased() }), exclude: Set(p.excludeUsers.map { $0.lowercased() }),
                appliesToExchange: apps.isEmpty || apps.contains("all") || apps.contains(EffectiveStateEvaluator.exchangeOnlineAppId)
                    || apps.contains("office365"))
        }
        acceptedDomains = Set(snapshot.acceptedDomains.map(\.domainName))
        observedBasic = ObservedBasicSMTP.index(snapshot.signIns)
        exportDates = ExportFileDates.read(ExportFileDates.configurationFiles(snapshot))
    }

    func has(_ kind: ExportKind) -> Bool { snapshot.has(kind) }

    /// The Entra object ID of an address: Get-User's, else the Graph user's.
    func objectId(of address: String) -> String? {
        usersByAddress[address]?.objectId ?? entraUsersByAddress[address]?.objectId
    }
}
