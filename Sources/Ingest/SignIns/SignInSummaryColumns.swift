/// The one written definition of a sign-in summary, the input kind "sign-in summary": the
/// legacy sign-ins (Authenticated SMTP, Exchange Online PowerShell) of `SigninLogs` and
/// `AADNonInteractiveUserSignInLogs`, one row per user, application, client app, IP address,
/// result code and day, with
///
/// | column | meaning |
/// |---|---|
/// | `Day` | the UTC day (`startofday(TimeGenerated)`) |
/// | `UserPrincipalName` | as logged (read lower-cased, as raw rows are) |
/// | `AppDisplayName` | the application signed in to |
/// | `ClientAppUsed` | `Authenticated SMTP` or `Exchange Online PowerShell` |
/// | `IPAddress` | the client's address |
/// | `ResultType` | the result code, `0` for success |
/// | `SignIns` | how many sign-ins the row stands for |
/// | `FirstSeen`, `LastSeen` | the earliest and latest `TimeGenerated` of the row |
/// | `SampleFailureReason` | one `ResultDescription` of the row's failures (empty for success) |
///
/// The KQL of `authshift collect kql` and the DuckDB query of the equivalence test
/// (Benchmarks/summary-equivalence.sh) both produce exactly these columns; `assess` reads a row as
/// `SignIns` raw rows with that user, client app, IP address and result (`SignInAccumulator.addGroup`),
/// so the register is the same as from the raw rows. Portal CSV exports of a query result append
/// ` [UTC]` to datetime columns; both spellings are read.
public enum SignInSummaryColumns {
    public static let names = [
        "Day", "UserPrincipalName", "AppDisplayName", "ClientAppUsed", "IPAddress", "ResultType",
        "SignIns", "FirstSeen", "LastSeen", "SampleFailureReason",
    ]
    static let count = ["SignIns"]
    static let firstSeen = ["FirstSeen", "FirstSeen [UTC]"]
    static let lastSeen = ["LastSeen", "LastSeen [UTC]"]
    static let user = ["UserPrincipalName"]
    static let clientApp = ["ClientAppUsed"]
    static let ipAddress = ["IPAddress"]
    static let resultType = ["ResultType"]
    static let reason = ["SampleFailureReason"]
    /// What detection requires.
    static let signature: [[String]] = [count, firstSeen, user, clientApp]
}
