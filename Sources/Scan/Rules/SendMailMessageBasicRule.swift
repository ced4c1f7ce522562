/// `SMTP-BASIC-SENDMAIL` (PowerShell): Send-MailMessage with a credential to an Exchange Online
/// client-submission host, the server given by -SmtpServer, position 3, or $PSEmailServer.
///
/// `SMTP-BASIC` is the family of rules that find SMTP AUTH with a password: this one,
/// `SMTP-BASIC-DOTNET` (.NET and MailKit SMTP clients in PowerShell), `SMTP-BASIC-CODE`
/// (application code) and `SMTP-BASIC-CONFIG` (configuration files). Each ID names one rule.
/// Source: the migration guide, "Old script using Send-MailMessage with mailbox password →
/// Replace mail send path"; Send-MailMessage documentation (parameter positions).
public enum SendMailMessageBasicRule: ScanRule {
    public static let id = "SMTP-BASIC-SENDMAIL"
    public static let title = "Mail is sent with a mailbox password (SMTP AUTH Basic)"
    public static let help =
        "SMTP AUTH with a user name and password to smtp.office365.com stops working when Basic authentication is disabled by default at the end of December 2026. Use XOAUTH2, Microsoft Graph sendMail (Send-MgUserMail), High Volume Email or Azure Communication Services."
    public static let source = ScanSources.smtpBasic + "; " + ScanSources.sendMailMessage

    public static let triggeringExamples = [
        "Send-MailMessage -From a@contoso.com -To b@contoso.com -Subject s -SmtpServer smtp.office365.com -Port 587 -UseSsl -Credential $c",
        "$PSEmailServer = 'smtp.office365.com'\nSend-MailMessage -To b@contoso.com -From a@contoso.com -Subject s -Credential $c -UseSsl",
        "$server = 'smtp-legacy.office365.com'\nSend-MailMessage b@contoso.com 'Subject' 'Body' $server -Credential $c -From a@contoso.com",
        "$mail = @{ SmtpServer = 'smtp.office365.com'; Credential = $c; To = 'b@contoso.com' }\nSend-MailMessage @mail -From a@contoso.com -Subject s",
    ]
    public static let nonTriggeringExamples = [
        "Send-MailMessage -To b@contoso.com -From a@contoso.com -Subject s -SmtpServer contoso-com.mail.protection.outlook.com -Port 25",
        "Send-MailMessage -To b@contoso.com -From a@contoso.com -Subject s -SmtpServer smtp.gmail.com -Credential $c",
        "Send-MailMessage -To b@contoso.com -From a@contoso.com -Subject s -SmtpServer smtp.office365.com",
    ]

    public static func check(_ command: Command, in script: ScriptContext) -> [RuleHit] {
        guard command.isNamed("send-mailmessage") else { return [] }
        let (hasCredential, origin) = Judge.credential(of: command, in: script)
        guard hasCredential else { return [] }
        var server: String?
        if let v = command.parameter("SmtpServer", minimum: 2)?.value { server = script.literal(v) }
        if server == nil, command.positional.count > 3 { server = script.literal(command.positional[3]) }
        if server == nil {
            for name in command.splats {
                if case .hashtable(let table)? = script.variables[name], let v = table["smtpserver"] { server = script.literal(v) }
            }
        }
        if server == nil { server = script.psEmailServer }
        guard let host = server, Judge.isSubmissionHost(host) else { return [] }
        return [
            RuleHit(
                severity: max(.high, Judge.severity(for: origin)),
                message: "Send-MailMessage authenticates to \(host) with a mailbox password \(Judge.describe(origin)) (SMTP AUTH Basic)",
                replacement:
                    "Send-MgUserMail -UserId <sender> -BodyParameter <message> (Microsoft Graph, app-only with Mail.Send), or SMTP AUTH with XOAUTH2; for internal alerts, High Volume Email"
            )
        ]
    }
}
