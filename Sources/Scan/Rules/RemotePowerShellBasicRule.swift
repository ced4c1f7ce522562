/// `EXO-RPS-BASIC`: New-PSSession to an Exchange Online or Security & Compliance remote
/// PowerShell endpoint with Basic authentication or a credential (retired Basic remote
/// PowerShell).
///
/// Source: the migration guide, "Legacy remote PowerShell connection code: Old New-PSSession
/// examples that use -Authentication Basic"; Connect to Exchange Online PowerShell.
public enum RemotePowerShellBasicRule: ScanRule {
    public static let id = "EXO-RPS-BASIC"
    public static let title = "Basic remote PowerShell session to Exchange Online"
    public static let help = "New-PSSession to outlook.office365.com/powershell-liveid (or ps.outlook.com, ps.compliance.protection.outlook.com) with Basic authentication no longer works. Use the ExchangeOnlineManagement module with app-only authentication."
    static let endpoints = ["outlook.office365.com/powershell-liveid", "ps.outlook.com/powershell", "ps.compliance.protection.outlook.com"]

    public static let triggeringExamples = [
        "$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri https://outlook.office365.com/powershell-liveid/ -Credential $c -Authentication Basic -AllowRedirection",
        "$uri = 'https://ps.compliance.protection.outlook.com/powershell-liveid/'\n$s = nsn -ConfigurationName Microsoft.Exchange -ConnectionUri $uri -Authentication Basic",
        "Import-PSSession (New-PSSession -ConnectionUri 'https://ps.outlook.com/powershell' -Cred $c -Auth Basic)",
    ]
    public static let nonTriggeringExamples = [
        "$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://exch01.contoso.local/PowerShell/ -Authentication Kerberos",
        "New-PSSession -ComputerName server01 -Credential $c",
    ]

    public static func check(_ command: Command, in script: ScriptContext) -> [RuleHit] {
        guard command.canonicalName == "new-pssession", let uri = command.parameter("ConnectionUri", minimum: 4)?.value,
              let target = script.literal(uri)?.lowercased(), endpoints.contains(where: { target.contains($0) }) else { return [] }
        let auth = command.parameter("Authentication").flatMap { $0.value }.flatMap { script.literal($0) }?.lowercased()
        let (hasCredential, origin) = Judge.credential(of: command, in: script)
        guard auth == "basic" || hasCredential else { return [] }
        return [RuleHit(severity: hasCredential ? max(.high, Judge.severity(for: origin)) : .high,
                        message: "New-PSSession to \(target) uses Basic remote PowerShell" + (hasCredential ? " with a credential \(Judge.describe(origin))" : ""),
                        replacement: "Import-Module ExchangeOnlineManagement; Connect-ExchangeOnline -CertificateThumbprint <thumbprint> -AppId <app-id> -Organization <tenant>.onmicrosoft.com")]
    }
}
