/// The KQL of `authshift collect kql` and `collect log-analytics`: the legacy sign-ins of
/// `SigninLogs` (interactive) and `AADNonInteractiveUserSignInLogs` summarised into the columns
/// of the "sign-in summary" input (Ingest's `SignInSummaryColumns`, the one written definition).
///
/// Sized for the Log Analytics query API's limits (Microsoft Learn, "Azure Monitor service
/// limits", Log Analytics workspaces > Query API, https://learn.microsoft.com/azure/azure-monitor/service-limits):
/// at most 500,000 records and about 100 MiB (64 MB compressed) per answer, 10 minutes per
/// query. A row stands for one user, application, client app, IP address, result code and day,
/// so 30 days stay under 500,000 rows unless a tenant has more than about 16,000 such
/// combinations a day; `rowLimit` is checked on the answer and the admin told to shorten the window.
public struct SignInSummaryQuery: Sendable {
    public static let rowLimit = 500_000
    /// The client apps `assess` reads sign-ins for, as the logs name them.
    public static let legacyClientApps = ["Authenticated SMTP", "Exchange Online PowerShell"]

    public var days: Int

    public init(days: Int) { self.days = days }

    public var text: String {
        let apps = Self.legacyClientApps.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            // authshift sign-in summary: legacy SMTP AUTH and Exchange Online PowerShell sign-ins,
            // one row per user, app, client app, IP address, result code and day (docs/collect.md).
            let since = ago(\(days)d);
            union
                (SigninLogs | where TimeGenerated >= since),
                (AADNonInteractiveUserSignInLogs | where TimeGenerated >= since)
            | where ClientAppUsed in (\(apps))
            | summarize SignIns = count(), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated),
                SampleFailureReason = take_anyif(ResultDescription, ResultType != "0")
                by Day = startofday(TimeGenerated), UserPrincipalName, AppDisplayName, ClientAppUsed, IPAddress, ResultType = tostring(ResultType)
            | project Day, UserPrincipalName, AppDisplayName, ClientAppUsed, IPAddress, ResultType, SignIns, FirstSeen, LastSeen, SampleFailureReason
            | order by Day asc, UserPrincipalName asc, ClientAppUsed asc, IPAddress asc, ResultType asc

            """
    }
}
