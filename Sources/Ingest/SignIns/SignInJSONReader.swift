/// Turns one Graph / portal JSON sign-in object into a `SignInEvent`.
///
/// `status` is an object (`signInStatus`: errorCode Int32, failureReason); the portal
/// download and Graph share the member names (docs/exports.md#sign-in-logs-json).
enum SignInJSONReader {
    static func event(_ r: ExportRecord) throws -> SignInEvent {
        let status = r.value("status")
        var errorCode: Int? = nil
        if case .number(let n)? = status?["errorCode"] { errorCode = Int(exactly: n) }
        if errorCode == nil, let s = status?["errorCode"]?.stringValue { errorCode = Int(s) }
        let reason = status?["failureReason"]?.stringValue
        let statusText: String? = status?.stringValue
        return SignInEvent(
            time: try r.timestamp(anyOf: SignInColumns.time),
            user: (r.string(anyOf: SignInColumns.user) ?? "").lowercased(),
            clientApp: ClientApp(exported: r.string(anyOf: SignInColumns.clientApp) ?? ""),
            ipAddress: r.string(anyOf: SignInColumns.ipAddress) ?? "",
            outcome: SignInEvent.outcome(status: statusText, errorCode: errorCode),
            errorCode: errorCode,
            failureReason: reason,
            application: r.string(anyOf: SignInColumns.application),
            authenticationProtocol: r.string(anyOf: SignInColumns.authenticationProtocol))
    }
}
