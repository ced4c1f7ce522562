/// Recognises an export from its column names (CSV header or JSON member names).
///
/// Each kind has a signature of columns that must all be present; kinds are tried from
/// the most specific to the least, so that Get-User (which also has a UPN) is not taken
/// for a mailbox list. The rules follow the headers in docs/exports.md; `reason` explains a
/// miss so `inspect` can say why a file was not recognised.
public enum ExportDetector {
    struct Signature {
        let kind: ExportKind
        /// Each inner array is a set of alternatives; every group must match.
        let required: [[String]]
        let forbidden: [String]
    }

    static let csvSignatures: [Signature] = [
        Signature(kind: .signInSummary, required: SignInSummaryColumns.signature, forbidden: []),
        Signature(kind: .signInPortalCSV, required: [["Date (UTC)"], ["Client app"], ["Username", "User"]], forbidden: []),
        Signature(
            kind: .signInLogAnalyticsCSV,
            required: [
                ["TimeGenerated [UTC]", "TimeGenerated", "CreatedDateTime [UTC]", "CreatedDateTime"], ["ClientAppUsed"],
                ["UserPrincipalName"],
            ], forbidden: []),
        Signature(kind: .smtpAuthClientsReport, required: [["Sender address"], ["Messages sent"]], forbidden: []),
        Signature(kind: .emailAppUsage, required: [["Report Refresh Date"], ["SMTP App"], ["User Principal Name"]], forbidden: []),
        Signature(kind: .inventory, required: [["sender"], ["system"], ["oauth_capable"]], forbidden: []),
        Signature(kind: .exceptions, required: [["mailbox"], ["expires"], ["replacement"]], forbidden: []),
        Signature(kind: .authenticationPolicy, required: [["AllowBasicAuthSmtp"]], forbidden: []),
        Signature(kind: .organizationConfig, required: [["DefaultAuthenticationPolicy"]], forbidden: []),
        Signature(
            kind: .user, required: [["AuthenticationPolicy"], ["UserPrincipalName", "WindowsEmailAddress", "Identity"]],
            forbidden: ["AllowBasicAuthSmtp"]),
        Signature(
            kind: .casMailbox,
            required: [
                ["PrimarySmtpAddress"],
                [
                    "SmtpClientAuthenticationDisabled", "PopEnabled", "ImapEnabled", "ActiveSyncEnabled", "EwsEnabled", "MAPIEnabled",
                    "OWAEnabled",
                ],
            ], forbidden: []),
        Signature(kind: .transportConfig, required: [["SmtpClientAuthenticationDisabled"]], forbidden: ["PrimarySmtpAddress"]),
        Signature(kind: .acceptedDomain, required: [["DomainName"], ["DomainType"]], forbidden: []),
        Signature(
            kind: .inboundConnector, required: [["ConnectorType"], ["SenderIPAddresses", "TlsSenderCertificateName", "SenderDomains"]],
            forbidden: []),
        Signature(
            kind: .messageTrace, required: [["SenderAddress"], ["RecipientAddress"], ["Received", "ReceivedTime", "Received Time"]],
            forbidden: []),
    ]

    static let jsonSignatures: [Signature] =
        [
            Signature(kind: .signInSummary, required: SignInSummaryColumns.signature, forbidden: []),
            // Graph `servicePrincipal` (servicePrincipalType, or the expanded appRoleAssignments
            // `collect graph --app-credentials` asks for) before `application`, which shares appId.
            Signature(
                kind: .servicePrincipals, required: [["appId"], ["servicePrincipalType", "appRoleAssignments"]],
                forbidden: []),
            Signature(
                kind: .applications, required: [["appId"], ["keyCredentials", "passwordCredentials"]],
                forbidden: ["servicePrincipalType", "appRoleAssignments", "clientAppUsed"]),
            // Graph `user`; before sign-ins, since a full user object also has createdDateTime.
            Signature(
                kind: .entraUsers,
                required: [["userPrincipalName"], ["accountEnabled", "userType", "givenName", "surname", "businessPhones"]],
                forbidden: ["clientAppUsed", "smtpApp", "AuthenticationPolicy", "PrimarySmtpAddress"]),
            Signature(kind: .signInJSON, required: [["createdDateTime"], ["clientAppUsed", "userPrincipalName"]], forbidden: ["smtpApp"]),
            Signature(kind: .emailAppUsage, required: [["smtpApp"], ["userPrincipalName"]], forbidden: []),
            Signature(kind: .conditionalAccessPolicies, required: [["conditions"], ["grantControls"], ["state"]], forbidden: []),
            Signature(kind: .securityDefaults, required: [["isEnabled"], ["id", "displayName"]], forbidden: ["conditions"]),
        ]
        + csvSignatures.filter {
            !$0.kind.isSignInLog && $0.kind != .smtpAuthClientsReport && $0.kind != .emailAppUsage && $0.kind != .inventory
                && $0.kind != .exceptions
        }

    /// The kind whose signature the columns match, or nil.
    public static func detect(csvColumns header: CSVHeader) -> ExportKind? {
        first(in: csvSignatures) { header.contains($0) }
    }

    public static func detect(jsonKeys keys: [String]) -> ExportKind? {
        let lowered = Set(keys.map { $0.lowercased() })
        return first(in: jsonSignatures) { lowered.contains($0.lowercased()) }
    }

    static func first(in signatures: [Signature], has: (String) -> Bool) -> ExportKind? {
        for signature in signatures {
            if signature.forbidden.contains(where: has) { continue }
            if signature.required.allSatisfy({ group in group.contains(where: has) }) { return signature.kind }
        }
        return nil
    }

    /// Why no kind matched: the closest signature and what it lacked.
    public static func reason(columns: [String], json: Bool) -> String {
        let lowered = Set(columns.map { $0.lowercased() })
        let has: (String) -> Bool = { lowered.contains($0.lowercased()) }
        var best: (Signature, Int)?
        for signature in json ? jsonSignatures : csvSignatures {
            let matched = signature.required.filter { $0.contains(where: has) }.count
            if matched > 0, matched > (best?.1 ?? 0) { best = (signature, matched) }
        }
        let shown = columns.prefix(6).map { "\"\($0)\"" }.joined(separator: ", ") + (columns.count > 6 ? ", …" : "")
        let what = json ? "member names" : "columns"
        guard let (signature, _) = best else {
            return "\(what) [\(shown)] match no export authshift reads"
        }
        let missing = signature.required.filter { !$0.contains(where: has) }.map { $0.joined(separator: " or ") }
        return "\(what) [\(shown)] look like \(signature.kind.title) but lack \(missing.joined(separator: ", "))"
    }
}
