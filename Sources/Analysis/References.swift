/// The documents each rule rests on, shown beside every conclusion.
public enum References {
    public static let setCASMailbox =
        "Set-CASMailbox, SmtpClientAuthenticationDisabled: https://learn.microsoft.com/powershell/module/exchange/set-casmailbox"
    public static let setTransportConfig =
        "Set-TransportConfig, SmtpClientAuthenticationDisabled: https://learn.microsoft.com/powershell/module/exchange/set-transportconfig"
    public static let authenticatedSMTP =
        "Enable or disable authenticated client SMTP submission in Exchange Online: https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission"
    public static let authenticationPolicies =
        "Disable Basic authentication in Exchange Online (authentication policies, AllowBasicAuthSmtp): https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/disable-basic-authentication-in-exchange-online"
    public static let securityDefaults =
        "Security defaults in Microsoft Entra ID (legacy authentication blocked): https://learn.microsoft.com/entra/fundamentals/security-defaults"
    public static let conditionalAccessLegacy =
        "Block legacy authentication with Conditional Access (client app type 'Other clients'): https://learn.microsoft.com/entra/identity/conditional-access/policy-block-legacy-authentication"
    public static let migrationOptions =
        "Exchange Online SMTP AUTH Basic Authentication 2026 Migration Planning, 'Migration Options for Printers, Scan to Email, Apps, and Scripts'"
    public static let cutoverAutomation =
        "Exchange Online SMTP AUTH Basic Authentication 2026 Migration Planning, 'Replacing Connect-ExchangeOnline -Credential'"
    public static let oauthSMTP =
        "Authenticate an IMAP, POP or SMTP connection using OAuth: https://learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth"
    public static let highVolumeEmail =
        "Manage High Volume Email for Microsoft 365: https://learn.microsoft.com/exchange/mail-flow-best-practices/high-volume-mails-m365"
    public static let azureCommunicationServices =
        "Azure Communication Services Email, SMTP authentication: https://learn.microsoft.com/azure/communication-services/quickstarts/email/send-email-smtp/smtp-authentication"
    public static let multifunctionDevices =
        "How to set up a multifunction device or application to send email using Microsoft 365: https://learn.microsoft.com/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365"
    public static let appOnlyPowerShell =
        "App-only authentication for unattended scripts in Exchange Online PowerShell: https://learn.microsoft.com/powershell/exchange/app-only-auth-powershell-v2"
    public static let managedIdentityPowerShell =
        "Use Azure managed identities to connect to Exchange Online PowerShell: https://learn.microsoft.com/powershell/exchange/connect-exo-powershell-managed-identity"
    public static let cisDirectSend =
        "CIS Microsoft 365 Foundations Benchmark 6.5.5: ensure Direct Send submissions are rejected (Set-OrganizationConfig -RejectDirectSend $true)"

    /// Every document above, in the order the reports list them.
    public static let all = [
        setCASMailbox, setTransportConfig, authenticatedSMTP, authenticationPolicies, securityDefaults,
        conditionalAccessLegacy, migrationOptions, oauthSMTP, highVolumeEmail, azureCommunicationServices,
        multifunctionDevices, appOnlyPowerShell, managedIdentityPowerShell, cisDirectSend,
    ]
}
