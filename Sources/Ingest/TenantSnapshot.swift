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
    public var signIns = SignInSummary()
    /// The files read for each kind, so analysis can say which exports were given.
    public var filesByKind: [ExportKind: [String]] = [:]

    public init() {}

    public func has(_ kind: ExportKind) -> Bool { !(filesByKind[kind] ?? []).isEmpty }

    public var hasSignIns: Bool { ExportKind.allCases.contains { $0.isSignInLog && has($0) } }

    /// Adds another (per-file) snapshot.
    public mutating func merge(_ other: TenantSnapshot) {
        transportConfigs += other.transportConfigs
        casMailboxes += other.casMailboxes
        authenticationPolicies += other.authenticationPolicies
        users += other.users
        organizationConfigs += other.organizationConfigs
        acceptedDomains += other.acceptedDomains
        inboundConnectors += other.inboundConnectors
        messageTrace += other.messageTrace
        smtpAuthClients += other.smtpAuthClients
        emailAppUsage += other.emailAppUsage
        securityDefaults += other.securityDefaults
        conditionalAccessPolicies += other.conditionalAccessPolicies
        inventory += other.inventory
        exceptions += other.exceptions
        signIns.merge(other.signIns)
        filesByKind.merge(other.filesByKind) { $0 + $1 }
    }
}
