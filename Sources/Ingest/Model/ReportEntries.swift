import AuthShiftCore

/// One row of the Exchange admin center SMTP AUTH clients report.
public struct SmtpAuthClientEntry: Sendable, Equatable, Codable {
    public var sender: String
    public var domain: String?
    public var tls10Percent: Double?
    public var tls11Percent: Double?
    public var tls12Percent: Double?
    public var messagesSent: Int?
    /// The "Authentication Protocol" column added in October 2024 (MC786329); its header and
    /// values are unconfirmed, so the text is kept as exported.
    public var authenticationProtocol: String?
    public var location: ExportLocation
}

/// One row of the Graph email apps usage user detail report.
public struct EmailAppUsageEntry: Sendable, Equatable, Codable {
    public var userPrincipalName: String
    public var displayName: String?
    public var lastActivityDate: CalendarDay?
    /// Any non-empty SMTP App cell counts as used (docs/exports.md#email-apps-usage-report: the CSV rendering is undocumented).
    public var usedSMTP: Bool
    public var smtpAppDetail: String?
    /// True when the tenant conceals user names in reports (the UPN is a hash).
    public var concealed: Bool
    public var reportPeriodDays: Int?
    public var location: ExportLocation
}

/// One message trace row.
public struct MessageTraceEntry: Sendable, Equatable, Codable {
    public var received: Timestamp?
    public var sender: String
    public var recipient: String
    public var status: String?
    public var fromIP: String?
    public var subject: String?
    public var messageId: String?
    public var location: ExportLocation
}

/// The Graph identitySecurityDefaultsEnforcementPolicy.
public struct SecurityDefaultsSetting: Sendable, Equatable, Codable {
    public var isEnabled: Bool
    public var location: ExportLocation
}

/// One Conditional Access policy, reduced to what decides legacy-authentication blocking.
public struct ConditionalAccessPolicySetting: Sendable, Equatable, Codable {
    public var id: String
    public var displayName: String
    /// `enabled`, `disabled` or `enabledForReportingButNotEnforced`.
    public var state: String
    /// `exchangeActiveSync`, `other`, `browser`, `mobileAppsAndDesktopClients`, `all`.
    public var clientAppTypes: [String]
    public var includeUsers: [String]
    public var excludeUsers: [String]
    public var includeGroups: [String]
    public var excludeGroups: [String]
    public var includeRoles: [String]
    public var excludeRoles: [String]
    public var includeApplications: [String]
    public var builtInControls: [String]
    public var location: ExportLocation

    /// An enabled policy whose grant is `block` for the legacy client type `other` (which
    /// covers Authenticated SMTP) blocks Basic SMTP for the users it includes.
    /// Source: Microsoft Learn, "Block legacy authentication with Conditional Access".
    public var blocksLegacyAuthentication: Bool {
        state.lowercased() == "enabled"
            && builtInControls.contains { $0.lowercased() == "block" }
            && clientAppTypes.contains { ["other", "all"].contains($0.lowercased()) }
    }
}

/// One row of the admins' own sender inventory (`inventory.csv`).
public struct InventoryEntry: Sendable, Equatable, Codable {
    public var sender: String
    public var system: String?
    public var owner: String?
    public var workload: String?
    public var oauthCapable: String?
    public var staticIP: String?
    public var notes: String?
    public var ring: String?
    /// Optional `sources` column: the IP addresses this system sends from, to split a sender
    /// used by several systems.
    public var sources: [String]
    /// Optional `cutover_date` column: the day the owners plan to move this sender to its
    /// replacement (a typed date, see `TypedDate`).
    public var cutoverDate: CalendarDay? = nil
    public var location: ExportLocation
}

/// One row of the admins' Basic SMTP exception register (`exceptions.csv`): the six facts the
/// migration guide demands for every exception (mailbox, device or app, source location,
/// business owner, expiry date, replacement path) plus a ticket.
public struct ExceptionEntry: Sendable, Equatable, Codable {
    public var mailbox: String
    public var system: String?
    public var source: String?
    public var owner: String?
    /// nil when the cell is empty; a malformed date is a read error.
    public var expires: CalendarDay?
    public var replacement: String?
    public var ticket: String?
    public var location: ExportLocation
}
