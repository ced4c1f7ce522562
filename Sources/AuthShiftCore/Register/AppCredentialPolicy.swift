/// The rules that turn an app credential's dates and kind into advice, shared by `assess`,
/// `check`, the workspace and `collect graph --app-credentials`.
public enum AppCredentialPolicy {
    /// The application permissions that send mail or run Exchange Online app-only, each from
    /// Microsoft Learn:
    /// - SMTP.SendAsApp (Office 365 Exchange Online): SMTP AUTH with the client credentials grant,
    ///   "Authenticate an IMAP, POP or SMTP connection using OAuth"
    ///   (https://learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth);
    /// - Mail.Send (Microsoft Graph, or Office 365 Exchange Online for high-volume email): sendMail as
    ///   any user, "Microsoft Graph permissions reference" (https://learn.microsoft.com/graph/permissions-reference);
    /// - Exchange.ManageAsApp: Exchange Online PowerShell app-only, "App-only authentication for
    ///   unattended scripts" (https://learn.microsoft.com/powershell/exchange/app-only-auth-powershell-v2);
    /// - full_access_as_app: EWS app-only, "Authenticate an EWS application by using OAuth"
    ///   (https://learn.microsoft.com/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth).
    public static let watchedPermissions: Set<String> = ["SMTP.SendAsApp", "Mail.Send", "Exchange.ManageAsApp", "full_access_as_app"]
    public static let defaultWarningDays = 30

    /// "Microsoft recommends that you use a certificate instead of a client secret before moving
    /// the application to a production environment" (Microsoft Learn, "Add and manage application
    /// credentials in Microsoft Entra ID").
    public static let certificateSource = "https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials"

    /// The status on `now` and the whole days left (rounded down; negative once expired).
    public static func status(expires: Timestamp?, now: Timestamp, warningDays: Int) -> (AppCredentialStatus, Int?) {
        guard let expires else { return (.noExpiry, nil) }
        let milliseconds = expires.millisecondsSince1970 - now.millisecondsSince1970
        let days = Int((Double(milliseconds) / 86_400_000).rounded(.down))
        if milliseconds < 0 { return (.expired, days) }
        return (days <= warningDays ? .expiring : .valid, days)
    }

    /// The sentences the reports and `check` show for one credential (none when all is well).
    public static func advice(
        app: String, kind: AppCredentialKind, name: String, status: AppCredentialStatus, daysLeft: Int?, expires: Timestamp?
    ) -> [String] {
        var out: [String] = []
        let what = "the \(kind.words) \"\(name)\" of \(app)"
        let day = expires.map { " (\($0.day))" } ?? ""
        switch status {
        case .expired:
            out.append(
                "\(what) expired \(-(daysLeft ?? 0)) day(s) ago\(day): token requests with it fail; add a new one and update the senders.")
        case .expiring:
            out.append("\(what) expires in \(daysLeft ?? 0) day(s)\(day): add its successor to the app and to the senders before then.")
        case .valid, .noExpiry:
            break
        }
        if kind == .clientSecret {
            out.append(
                "\(app) signs in with the client secret \"\(name)\": Microsoft recommends a certificate instead of a client secret"
                    + " in production (\(certificateSource))."
            )
        }
        return out
    }
}
