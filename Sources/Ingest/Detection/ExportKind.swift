/// Every export authshift reads, recognised by content rather than file name.
///
/// `source` names where the admin gets the file (shown by `inspect` and in the reports'
/// "which export would settle this" hints); `collect` writes a script producing each one.
public enum ExportKind: String, Sendable, Codable, CaseIterable, Comparable {
    case signInPortalCSV = "signins-portal-csv"
    case signInLogAnalyticsCSV = "signins-log-analytics-csv"
    case signInJSON = "signins-json"
    case signInSummary = "signins-summary"
    case smtpAuthClientsReport = "smtp-auth-clients-report"
    case emailAppUsage = "email-app-usage"
    case casMailbox = "cas-mailbox"
    case transportConfig = "transport-config"
    case authenticationPolicy = "authentication-policy"
    case user = "user"
    case organizationConfig = "organization-config"
    case acceptedDomain = "accepted-domain"
    case inboundConnector = "inbound-connector"
    case messageTrace = "message-trace"
    case securityDefaults = "security-defaults"
    case conditionalAccessPolicies = "conditional-access-policies"
    case inventory = "inventory"
    case exceptions = "exceptions"
    case applications = "applications"
    case servicePrincipals = "service-principals"
    case entraUsers = "entra-users"

    public static func < (a: ExportKind, b: ExportKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var isSignInLog: Bool {
        self == .signInPortalCSV || self == .signInLogAnalyticsCSV || self == .signInJSON || self == .signInSummary
    }

    /// Where an admin gets this file.
    public var source: String {
        switch self {
        case .signInPortalCSV: return "Entra admin center > Sign-in logs > Download (CSV), interactive or non-interactive"
        case .signInLogAnalyticsCSV: return "Log Analytics query over SigninLogs / AADNonInteractiveUserSignInLogs, exported to CSV"
        case .signInJSON: return "Entra sign-in logs as JSON: portal download, Graph auditLogs/signIns pages or JSON lines"
        case .signInSummary:
            return "authshift collect kql run in Log Analytics (CSV export) or authshift collect log-analytics (query API JSON)"
        case .smtpAuthClientsReport: return "Exchange admin center > Reports > Mail flow > SMTP AUTH clients > Export"
        case .emailAppUsage: return "Graph reports/getEmailAppUsageUserDetail (CSV, or beta JSON)"
        case .casMailbox:
            return "Get-CASMailbox / Get-EXOCasMailbox -Properties SmtpClientAuthenticationDisabled | Export-Csv or ConvertTo-Json"
        case .transportConfig: return "Get-TransportConfig | Export-Csv or ConvertTo-Json"
        case .authenticationPolicy: return "Get-AuthenticationPolicy | Export-Csv or ConvertTo-Json"
        case .user: return "Get-User -ResultSize Unlimited (with AuthenticationPolicy) | Export-Csv or ConvertTo-Json"
        case .organizationConfig: return "Get-OrganizationConfig (DefaultAuthenticationPolicy) | Export-Csv or ConvertTo-Json"
        case .acceptedDomain: return "Get-AcceptedDomain | Export-Csv or ConvertTo-Json"
        case .inboundConnector: return "Get-InboundConnector | ConvertTo-Json -Depth 5 (CSV loses the IP lists)"
        case .messageTrace: return "Get-MessageTraceV2 / Get-MessageTrace | Export-Csv or ConvertTo-Json"
        case .securityDefaults: return "Graph policies/identitySecurityDefaultsEnforcementPolicy (JSON)"
        case .conditionalAccessPolicies: return "Graph identity/conditionalAccess/policies (JSON)"
        case .inventory: return "authshift inventory.csv (filled in by the admins)"
        case .exceptions: return "authshift exceptions.csv: the Basic SMTP exception register kept by the admins"
        case .applications: return "authshift collect graph --app-credentials (Applications-page*.json) or Graph v1.0/applications pages"
        case .servicePrincipals:
            return "authshift collect graph --app-credentials (ServicePrincipals-page*.json) or Graph v1.0/servicePrincipals"
                + " with $expand=appRoleAssignments"
        case .entraUsers: return "authshift collect graph (Users-page*.json) or Graph v1.0/users pages"
        }
    }

    /// Short name shown in tables.
    public var title: String {
        switch self {
        case .signInPortalCSV: return "Sign-in log (portal CSV)"
        case .signInLogAnalyticsCSV: return "Sign-in log (Log Analytics CSV)"
        case .signInJSON: return "Sign-in log (JSON)"
        case .signInSummary: return "Sign-in summary (Log Analytics)"
        case .smtpAuthClientsReport: return "SMTP AUTH clients report"
        case .emailAppUsage: return "Email apps usage report"
        case .casMailbox: return "Get-CASMailbox"
        case .transportConfig: return "Get-TransportConfig"
        case .authenticationPolicy: return "Get-AuthenticationPolicy"
        case .user: return "Get-User"
        case .organizationConfig: return "Get-OrganizationConfig"
        case .acceptedDomain: return "Get-AcceptedDomain"
        case .inboundConnector: return "Get-InboundConnector"
        case .messageTrace: return "Message trace"
        case .securityDefaults: return "Security defaults policy"
        case .conditionalAccessPolicies: return "Conditional Access policies"
        case .inventory: return "Sender inventory"
        case .exceptions: return "Exception register"
        case .applications: return "App registrations (Graph)"
        case .servicePrincipals: return "Service principals (Graph)"
        case .entraUsers: return "Users (Graph)"
        }
    }
}
