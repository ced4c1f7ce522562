/// Column names of the sign-in exports, each with the aliases of every source:
/// the portal CSV (docs/exports.md#sign-in-logs-csv), Log Analytics `SigninLogs`
/// (docs/exports.md#sign-in-logs-log-analytics; its CSV export appends ` [UTC]` to datetime
/// columns), and Graph / portal JSON (docs/exports.md#sign-in-logs-json).
enum SignInColumns {
    static let time = ["Date (UTC)", "TimeGenerated [UTC]", "TimeGenerated", "CreatedDateTime [UTC]", "CreatedDateTime", "createdDateTime"]
    static let user = ["Username", "UserPrincipalName", "userPrincipalName", "User"]
    static let clientApp = ["Client app", "ClientAppUsed", "clientAppUsed"]
    static let ipAddress = ["IP address", "IPAddress", "ipAddress"]
    static let status = ["Status"]
    static let errorCode = ["Sign-in error code", "ResultType", "Status.ErrorCode", "errorCode"]
    static let failureReason = ["Failure reason", "ResultDescription", "Status.FailureReason", "failureReason"]
    static let application = ["Application", "AppDisplayName", "appDisplayName"]
    /// The application (client) ID: Graph `appId`, Log Analytics `AppId`, the portal's "Application ID".
    static let appId = ["appId", "AppId", "Application ID"]
    static let authenticationProtocol = ["Authentication Protocol", "AuthenticationProtocol", "authenticationProtocol"]
}
