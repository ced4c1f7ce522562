/// `EXO-RPS-BASIC`: New-PSSession to an Exchange Online or Security & Compliance remote
/// PowerShell endpoint with Basic authentication or a credential (retired Basic remote
/// PowerShell).
///
/// Source: the migration guide, "Legacy remote PowerShell connection code: Old New-PSSession
/// examples that use -Authentication Basic"; Connect to Exchange Online PowerShell.
public enum RemotePowerShellBasicRule: ScanRule {
    public static let id = "EXO-RPS-BASIC"
    public static let title = "Basic remote PowerShell session to Exchange Online"
    public static let help =
        "New-PSSession to outlook.office365.com/powershell-liveid (or ps.outlook.com, ps.compliance.protection.outlook.com) with Basic authentication no longer works. Use the ExchangeOnlineManagement module with app-only authentication."
    public static let source = [ScanSources.migrationGuide, ScanSources.connectToExchangeOnlinePowerShell].joined(separator: "; ")
    static let endpoints = ["outlook.office365.com/powershell-liveid", "ps.outlook.com/powershell", "ps.compliance.protection.outlook.com"]

    public static let triggeringExamples = [
        "$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri https://outlook.office365.com/powershell-liveid/ -Credential $c -Authentication Basic -AllowRedirection",
        "$uri = 'https://ps.compliance.protection.outlook.com/powershell-liveid/'\n$s = nsn -ConfigurationName Microsoft.Exchange -ConnectionUri $uri -Authentication Basic",
        "Import-PSSession (New-PSSession -ConnectionUri 'https://ps.outlook.com/powershell' -Cred $c -Auth Basic)",
        // Splatted, with single-quoted keys, to the Security & Compliance endpoint.
        "$ccParams = @{\n    'ConfigurationName' = 'Microsoft.Exchange'\n    'ConnectionUri'     = 'https://ps.compliance.protection.outlook.com/powershell-liveid/'\n    'Credential'        = $complianceCred\n    'Authentication'    = 'Basic'\n    'AllowRedirection'  = $true\n}\n$ccSession = New-PSSession @ccParams",
        // A wrapper's settings handed to its own function (reported with lower confidence).
        "$tenantLink = @{\n    ConnectionUri  = \"https://outlook.office365.com/powershell-liveid/\"\n    Authentication = \"Basic\"\n    Prefix         = 'Cloud'\n}\nOpen-TenantLink -Settings $tenantLink",
    ]
    public static let nonTriggeringExamples = [
        "$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://exch01.contoso.local/PowerShell/ -Authentication Kerberos",
        "New-PSSession -ComputerName server01 -Credential $c",
        "$ccParams = @{ 'ConfigurationName' = 'Microsoft.Exchange'; 'ConnectionUri' = 'http://exch01.contoso.local/PowerShell/'; 'Authentication' = 'Kerberos' }\n$s = New-PSSession @ccParams",
        "$tenantLink = @{ ConnectionUri = 'https://outlook.office365.com/powershell-liveid/'; Authentication = 'OAuth' }\nOpen-TenantLink -Settings $tenantLink",
    ]

    static let replacement =
        "Import-Module ExchangeOnlineManagement; Connect-ExchangeOnline -CertificateThumbprint <thumbprint> -AppId <app-id> -Organization <tenant>.onmicrosoft.com"

    public static func check(_ command: Command, in script: ScriptContext) -> [RuleHit] {
        guard command.isNamed("new-pssession") else { return wrapperSettings(command, in: script) }
        guard let uri = Judge.argument("ConnectionUri", minimum: 4, of: command, in: script),
            let target = endpoint(script.literal(uri))
        else { return [] }
        let auth = Judge.argument("Authentication", of: command, in: script).flatMap { script.literal($0) }?.lowercased()
        let (hasCredential, origin) = Judge.credential(of: command, in: script)
        guard auth == "basic" || hasCredential else { return [] }
        return [
            RuleHit(
                severity: hasCredential ? max(.high, Judge.severity(for: origin)) : .high,
                message: "New-PSSession to \(target) uses Basic remote PowerShell"
                    + (hasCredential ? " with a credential \(Judge.describe(origin))" : ""),
                replacement: replacement)
        ]
    }

    /// The endpoint a connection URI names, lower-cased, when it is one of Exchange Online's.
    static func endpoint(_ uri: String?) -> String? {
        guard let target = uri?.lowercased(), endpoints.contains(where: { target.contains($0) }) else { return nil }
        return target
    }

    /// A hashtable that pairs an Exchange Online remote PowerShell URI with Authentication Basic,
    /// handed (as a value, positionally or splatted) to a command other than New-PSSession: a
    /// wrapper function that opens the session itself. Lower confidence: the wrapper is not seen.
    static func wrapperSettings(_ command: Command, in script: ScriptContext) -> [RuleHit] {
        guard !script.connectionSettings.isEmpty else { return [] }
        var handed = command.splats
        for element in command.parameters.compactMap(\.value) + command.positional
        where element.count == 1 && element.first.kind == .variable {
            handed.append(script.script.lowercased(element.first))
        }
        for name in handed where script.connectionSettings.contains(name) {
            guard case .hashtable(let table)? = script.variables[name], let uri = table["connectionuri"],
                let target = endpoint(script.literal(uri)),
                let auth = table["authentication"].flatMap({ script.literal($0) }), auth.lowercased() == "basic"
            else { continue }
            return [
                RuleHit(
                    severity: .medium,
                    message:
                        "settings that pair \(target) with Authentication Basic are handed to \(command.name), which likely opens a Basic remote PowerShell session (lower confidence: the wrapper's code is not in this file)",
                    replacement: replacement)
            ]
        }
        return []
    }
}
