import Foundation

/// One thing `collect graph` reads from Microsoft Graph, the file name it is written under
/// (the names the PowerShell collector of `authshift collect` uses, so `assess` reads both the
/// same way), and the application permission it needs.
///
/// Least privilege, per each API's "Permissions" table on Microsoft Learn:
/// - sign-ins (`GET /auditLogs/signIns`, "List signIns"): AuditLog.Read.All;
/// - Conditional Access policies (`GET /identity/conditionalAccess/policies`) and security defaults
///   (`GET /policies/identitySecurityDefaultsEnforcementPolicy`): Policy.Read.All;
/// - users (`GET /users`): User.Read.All;
/// - the email apps usage report (`GET /reports/getEmailAppUsageUserDetail`): Reports.Read.All.
public struct GraphDataset: Sendable, Equatable {
    /// File name prefix, and the dataset's name in messages and the checkpoint.
    public var name: String
    /// Path and query below the Graph base URL, percent-encoded.
    public var path: String
    public var permission: String
    /// A collection paged by `@odata.nextLink` (written as NAME-page001.json, ...), or a single
    /// object (written as NAME.json).
    public var paged: Bool

    public init(name: String, path: String, permission: String, paged: Bool) {
        self.name = name
        self.path = path
        self.permission = permission
        self.paged = paged
    }

    public static let signInPermission = "AuditLog.Read.All"
    public static let policyPermission = "Policy.Read.All"
    public static let userPermission = "User.Read.All"
    public static let reportPermission = "Reports.Read.All"

    public static let applicationPermission = "Application.Read.All"

    /// App registrations and service principals with their credentials and granted app roles,
    /// for the credential expiry check (`--app-credentials`); needs Application.Read.All
    /// ("List applications", "List servicePrincipals", Microsoft Learn).
    public static let appCredentials: [GraphDataset] = [
        GraphDataset(
            name: "Applications", path: "v1.0/applications?$select=id,appId,displayName,keyCredentials,passwordCredentials",
            permission: applicationPermission, paged: true),
        GraphDataset(
            name: "ServicePrincipals",
            path:
                "v1.0/servicePrincipals?$select=id,appId,displayName,appRoles,keyCredentials,passwordCredentials&$expand=appRoleAssignments",
            permission: applicationPermission, paged: true),
    ]

    /// Every application permission `collect graph` needs, for `--help` and README.
    public static let permissions: [(permission: String, reason: String)] = [
        (signInPermission, "sign-in logs (auditLogs/signIns, v1.0 and beta)"),
        (policyPermission, "Conditional Access policies and the security defaults policy"),
        (userPermission, "users (id, userPrincipalName, mail, accountEnabled, userType)"),
        (reportPermission, "the email apps usage report (reports/getEmailAppUsageUserDetail)"),
        (applicationPermission, "only with --app-credentials: app registrations and service principals, for credential expiry"),
    ]

    /// The server-side filter of the PowerShell collector: the two legacy client apps whose
    /// sign-ins `assess` reads. `clientAppUsed` takes the portal's names ("List signIns",
    /// Microsoft Learn: `$filter` supports `clientAppUsed` with `eq`).
    public static let legacyClientFilter = "(clientAppUsed eq 'Authenticated SMTP' or clientAppUsed eq 'Exchange Online PowerShell')"

    /// The datasets of one collection. `since` starts the sign-in window; it is fixed in the
    /// checkpoint so that a resumed run asks for exactly the same pages.
    ///
    /// v1.0 `auditLogs/signIns` lists interactive sign-ins only; non-interactive sign-ins need
    /// beta with `signInEventTypes/any(t: t eq 'nonInteractiveUser')` (Microsoft Learn, "List
    /// signIns", v1.0 and beta). The usage report is asked for as JSON, which beta returns
    /// (`$format=application/json`), rather than v1.0's CSV redirect.
    public static func standard(since: Date) -> [GraphDataset] {
        let window = "createdDateTime ge \(GraphCollector.format(since))"
        let interactive = "\(window) and \(legacyClientFilter)"
        let nonInteractive = "\(window) and \(legacyClientFilter) and signInEventTypes/any(t: t eq 'nonInteractiveUser')"
        return [
            GraphDataset(
                name: "SignIns-Interactive", path: "v1.0/auditLogs/signIns?$filter=" + encode(interactive),
                permission: signInPermission, paged: true),
            GraphDataset(
                name: "SignIns-NonInteractive", path: "beta/auditLogs/signIns?$filter=" + encode(nonInteractive),
                permission: signInPermission, paged: true),
            GraphDataset(
                name: "ConditionalAccessPolicies", path: "v1.0/identity/conditionalAccess/policies",
                permission: policyPermission, paged: true),
            GraphDataset(
                name: "SecurityDefaults", path: "v1.0/policies/identitySecurityDefaultsEnforcementPolicy",
                permission: policyPermission, paged: false),
            GraphDataset(
                name: "Users", path: "v1.0/users?$select=id,userPrincipalName,mail,accountEnabled,userType&$top=999",
                permission: userPermission, paged: true),
            GraphDataset(
                name: "EmailAppUsage", path: "beta/reports/getEmailAppUsageUserDetail(period='D90')?$format=application/json",
                permission: reportPermission, paged: true),
        ]
    }

    /// Percent-encodes a query value (RFC 3986 unreserved characters stay).
    public static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
