import Foundation

/// Header rows exactly as Microsoft's tools write them: the Entra admin center's sign-in
/// download (https://learn.microsoft.com/entra/identity/monitoring-health/howto-download-logs)
/// and the Graph usage reports (https://learn.microsoft.com/graph/api/reportroot-getemailappusageuserdetail).
enum Headers {
    /// Entra portal sign-in download, 2025 layout: 57 quoted columns,
    /// trailing spaces, a double space, "Incoming token type" twice.
    static let portal57 =
        #""Date (UTC)","Request ID","User agent","Correlation ID","User ID","User","Username","User type","Cross tenant access type","Incoming token type","Authentication Protocol","Unique token identifier","Original transfer method","Client credential type","Token Protection - Sign In Session","Token Protection - Sign In Session StatusCode","Application","Application ID ","App owner tenant ID","Resource","Resource ID ","Resource tenant ID","Resource owner tenant ID","Home tenant ID","Home tenant name","IP address","Location","Status","Sign-in error code","Failure reason","Client app","Device ID","Browser","Operating System","Compliant","Managed","Join Type","Multifactor authentication result","Multifactor authentication auth method","Multifactor authentication auth detail","Authentication requirement","Sign-in identifier","Session ID","IP address (seen by resource)","Through Global Secure Access","Global Secure Access IP address","Autonomous system  number","Flagged for review","Token issuer type","Incoming token type","Token issuer name","Latency","Conditional Access","Managed Identity type","Associated Resource Id","Federated Token Id","Federated Token Issuer""#

    static var portal57Names: [String] {
        portal57.dropFirst().dropLast().components(separatedBy: "\",\"")
    }

    /// The October 2024 layout (54 columns): no Session ID, App owner or Resource owner tenant IDs.
    static var portal54Names: [String] {
        portal57Names.filter { !["Session ID", "App owner tenant ID", "Resource owner tenant ID"].contains($0) }
    }

    /// The November 2024 layout (55 columns): Session ID added.
    static var portal55Names: [String] {
        portal57Names.filter { !["App owner tenant ID", "Resource owner tenant ID"].contains($0) }
    }

    /// Graph getEmailAppUsageUserDetail CSV.
    static let emailAppUsage =
        "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,Mail For Mac,Outlook For Mac,Outlook For Windows,Outlook For Mobile,Other For Mobile,Outlook For Web,POP3 App,IMAP4 App,SMTP App,Report Period"

    /// A portal sign-in row for the given header, with the named values filled in.
    static func portalRow(_ names: [String], _ values: [String: String]) -> String {
        names.map { "\"" + (values[$0] ?? "").replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
    }
}
