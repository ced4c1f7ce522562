/// Everything read from one exports folder, typed and with its sources, ready for
/// analysis. Sign-ins are kept only as a summary (they can be millions of rows).
public struct TenantSnapshot: Sendable {
    public var transportConfigs: [TransportConfigSetting] = []
    public var casMailboxes: [CASMailboxSetting] = []
    public var authenticationPolicies: [AuthenticationPolicySetting] = []
    public var users: [UserPolicyAssignment] = []
    public var organizationConfigs: [OrganizationConfigSetting] = []
    public var acceptedDomains: [AcceptedDomainSetting] = []
    public var inboundConnectors: [InboundConnectorSetting] = []
    public var messageTrace: [MessageTraceEntry] = []
    public var smtpAuthClients: [SmtpAuthClientEntry] = []
    public var emailAppUsage: [EmailAppUsageEntry] = []
    public var securityDefaults: [SecurityDefaultsSetting] = []
    public var conditionalAccessPolicies: [ConditionalAccessPolicySetting] = []
    public var inventory: [InventoryEntry] = []
    public var exceptions: [ExceptionEntry] = []
    /// App registrations and service principals (Graph), for the credential expiry section.
    public var appRegistrations: [AppRegistration] = []
    /// Graph users (`Users-page*.json`).
    public var entraUsers: [EntraUser] = []
    /// The users seen signing in with each application ID (lower-cased), from sign-in exports
    /// that carry `appId`: which senders depend on an app's credentials.
    public var signInUsersByAppId: [String: Set<String>] = [:]
    public var signIns = SignInSummary()
    /// The files read for each kind, so analysis can say which exports were given.
    public var filesByKind: [ExportKind: [String]] = [:]

    public init() {}

    public func has(_ kind: ExportKind) -> Bool { !(filesByKind[kind] ?? []).isEmpty }

    public var hasSignIns: Bool { ExportKind.allCases.contains { $0.isSignInLog && has($0) } }

    /// Adds another (per-file) snapshot.
    public mutating func merge(_ other: TenantSnapshot) {
        TenantSnapshot.append(other.transportConfigs, to: &transportConfigs)
        TenantSnapshot.append(other.casMailboxes, to: &casMailboxes)
        TenantSnapshot.append(other.authenticationPolicies, to: &authenticationPolicies)
        TenantSnapshot.append(other.users, to: &users)
        TenantSnapshot.append(other.organizationConfigs, to: &organizationConfigs)
        TenantSnapshot.append(other.acceptedDomains, to: &acceptedDomains)
        TenantSnapshot.append(other.inboundConnectors, to: &inboundConnectors)
        TenantSnapshot.append(other.messageTrace, to: &messageTrace)
        TenantSnapshot.append(other.smtpAuthClients, to: &smtpAuthClients)
        TenantSnapshot.append(other.emailAppUsage, to: &emailAppUsage)
        TenantSnapshot.append(other.securityDefaults, to: &securityDefaults)
        TenantSnapshot.append(other.conditionalAccessPolicies, to: &conditionalAccessPolicies)
        TenantSnapshot.append(other.inventory, to: &inventory)
        TenantSnapshot.append(other.exceptions, to: &exceptions)
        TenantSnapshot.append(other.appRegistrations, to: &appRegistrations)
        TenantSnapshot.append(other.entraUsers, to: &entraUsers)
        signInUsersByAppId.merge(other.signInUsersByAppId) { $0.union($1) }
        signIns.merge(other.signIns)
        filesByKind.merge(other.filesByKind) { $0 + $1 }
    }

    /// Appends a file's rows; the first file's array is taken as it is rather than copied,
    /// so a large export (Get-User of 100,000 mailboxes) is never held twice while merging.
    private static func append<Element>(_ theirs: [Element], to mine: inout [Element]) {
        if mine.isEmpty {
            mine = theirs
        } else {
            mine += theirs
        }
    }
}
