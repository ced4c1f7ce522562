/// `EXO-CRED`: Connect-ExchangeOnline or Connect-IPPSSession given a user credential, in any
/// form: named, abbreviated (`-Cred`), splatted, or from $PSDefaultParameterValues.
///
/// Source: Connect-ExchangeOnline documentation (-Credential "can't be used with accounts
/// that use MFA"); app-only-auth-powershell-v2; the migration guide, "Replacing
/// Connect-ExchangeOnline -Credential": unattended jobs move to certificate app-only
/// authentication or managed identity, human-run scripts to -UserPrincipalName.
public enum ExchangeOnlineCredentialRule: ScanRule {
    public static let id = "EXO-CRED"
    public static let title = "Exchange Online PowerShell signs in with a user credential"
    public static let help =
        "Connect-ExchangeOnline -Credential breaks under MFA and Conditional Access and keeps a password for an admin account. Use certificate-based app-only authentication (-CertificateThumbprint/-AppId/-Organization), -ManagedIdentity in Azure Automation, or -UserPrincipalName for people."
    public static let source = [ScanSources.connectExchangeOnline, ScanSources.appOnlyPowerShell, ScanSources.migrationGuide]
        .joined(separator: "; ")
    /// Connect-IPPSSession is Security & Compliance PowerShell's cmdlet; the one-S spelling is a common typo, accepted too.
    static let cmdlets: [StaticString] = ["connect-exchangeonline", "connect-ippssession", "connect-ippsession"]

    public static let triggeringExamples = [
        "$cred = Import-Clixml C:\\secure\\exo.xml\nConnect-ExchangeOnline -Credential $cred -ShowBanner:$false",
        "Connect-ExchangeOnline \u{2013}Cred (Get-Credential)",
        "$p = @{ Credential = $c; Organization = 'contoso.onmicrosoft.com' }\nConnect-ExchangeOnline @p",
        "$p = @{ Organization = 'contoso.onmicrosoft.com' }\n$p += @{ 'Credential' = $c }\nConnect-ExchangeOnline @p",
        "$PSDefaultParameterValues['Connect-ExchangeOnline:Credential'] = $c\nConnect-ExchangeOnline",
        "Connect-IPPSSession -Credential $c",
        "Connect-IPPSession -Credential $c",
        "connect-exchangeonline -CREDENTIAL:$c",
        "$c = Get-AutomationPSCredential -Name 'ExchangeAdmin'\nConnect-ExchangeOnline `\n  -Credential $c `\n  -Organization contoso.onmicrosoft.com",
    ]
    public static let nonTriggeringExamples = [
        "Connect-ExchangeOnline -CertificateThumbprint 'ABC' -AppId 'app' -Organization 'contoso.onmicrosoft.com'",
        "Connect-ExchangeOnline -ManagedIdentity -Organization contoso.onmicrosoft.com",
        "Connect-ExchangeOnline -UserPrincipalName admin@contoso.com",
        "Connect-ExchangeOnline -AccessToken $token -Organization contoso.onmicrosoft.com",
        "Connect-ExchangeOnline -CertificateFilePath C:\\c.pfx -CertificatePassword $p -AppId x -Organization y",
        "Write-Host 'Connect-ExchangeOnline -Credential $cred'",
    ]

    public static func check(_ command: Command, in script: ScriptContext) -> [RuleHit] {
        guard cmdlets.contains(where: command.isNamed) else { return [] }
        let (found, origin) = Judge.credential(of: command, in: script)
        guard found else { return [] }
        let cmdlet = command.isNamed("connect-exchangeonline") ? "Connect-ExchangeOnline" : "Connect-IPPSSession"
        let replacement: String
        if script.runsInAzureAutomation {
            replacement = "\(cmdlet) -ManagedIdentity -Organization <tenant>.onmicrosoft.com"
        } else if origin == .prompt {
            replacement = "\(cmdlet) -UserPrincipalName <admin-upn>"
        } else {
            replacement = "\(cmdlet) -CertificateThumbprint <thumbprint> -AppId <app-id> -Organization <tenant>.onmicrosoft.com"
        }
        return [
            RuleHit(
                severity: Judge.severity(for: origin),
                message:
                    "\(cmdlet) signs in with a user credential whose password is \(Judge.describe(origin)); it fails under MFA and keeps an admin password",
                replacement: replacement)
        ]
    }
}
