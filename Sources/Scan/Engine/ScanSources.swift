/// The public documents the scan rules rest on. Each rule's `source` cites them, so a finding's
/// rule can be looked up in docs/rules.md with the page behind it.
enum ScanSources {
    static let migrationGuide =
        "Exchange Online SMTP AUTH Basic Authentication 2026 Migration Planning (AdminSignal): "
        + "https://www.adminsignal.com/tutorials/exchange-online-smtp-auth-basic-auth-2026-migration"
    static let connectExchangeOnline =
        "Connect-ExchangeOnline (-Credential): "
        + "https://learn.microsoft.com/powershell/module/exchange/connect-exchangeonline"
    static let appOnlyPowerShell =
        "App-only authentication for unattended scripts in Exchange Online PowerShell: "
        + "https://learn.microsoft.com/powershell/exchange/app-only-auth-powershell-v2"
    static let connectToExchangeOnlinePowerShell =
        "Connect to Exchange Online PowerShell: "
        + "https://learn.microsoft.com/powershell/exchange/connect-to-exchange-online-powershell"
    static let retiredModules =
        "Azure AD and MSOnline PowerShell modules are deprecated: "
        + "https://learn.microsoft.com/powershell/azure/active-directory/overview"
    static let authenticatedSMTP =
        "Enable or disable authenticated client SMTP submission in Exchange Online: "
        + "https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission"
    static let oauthSMTP =
        "Authenticate an IMAP, POP or SMTP connection using OAuth: "
        + "https://learn.microsoft.com/exchange/client-developer/legacy-protocols/"
        + "how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth"
    static let sendMailMessage =
        "Send-MailMessage (parameters and positions): "
        + "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/send-mailmessage"
    static let dotNetSmtpClient = "System.Net.Mail.SmtpClient: https://learn.microsoft.com/dotnet/api/system.net.mail.smtpclient"

    /// What every `SMTP-BASIC` rule rests on: Basic SMTP AUTH and its OAuth replacement.
    static let smtpBasic = [migrationGuide, authenticatedSMTP, oauthSMTP].joined(separator: "; ")
}
