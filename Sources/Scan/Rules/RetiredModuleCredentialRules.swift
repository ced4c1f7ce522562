/// `MSOL-CRED`: Connect-MsolService with a credential (MSOnline is retired).
/// Source: the migration guide's related resource "Migrating AzureAD and MSOnline PowerShell
/// Scripts to Microsoft Graph PowerShell SDK"; Microsoft's MSOnline retirement notice.
public enum MsolCredentialRule: ScanRule {
    public static let id = "MSOL-CRED"
    public static let title = "Retired MSOnline module signs in with a credential"
    public static let help =
        "Connect-MsolService belongs to the retired MSOnline module and -Credential is a stored user password. Move to Microsoft Graph PowerShell with certificate or managed identity authentication."
    public static let source = [ScanSources.retiredModules, ScanSources.migrationGuide].joined(separator: "; ")
    public static let triggeringExamples = ["Connect-MsolService -Credential $c", "$c = Import-Clixml x.xml\nConnect-MsolService -Cred $c"]
    public static let nonTriggeringExamples = ["Connect-MsolService", "Connect-MgGraph -ClientId x -CertificateThumbprint y -TenantId z"]

    public static func check(_ command: Command, in script: ScriptContext) -> [RuleHit] {
        guard command.isNamed("connect-msolservice") else { return [] }
        let (found, origin) = Judge.credential(of: command, in: script)
        guard found else { return [] }
        return [
            RuleHit(
                severity: Judge.severity(for: origin),
                message: "Connect-MsolService (retired MSOnline module) signs in with a credential \(Judge.describe(origin))",
                replacement: "Connect-MgGraph -ClientId <app-id> -CertificateThumbprint <thumbprint> -TenantId <tenant-id>")
        ]
    }
}

/// `AAD-CRED`: Connect-AzureAD with a credential (AzureAD is retired).
/// Source: as for MSOL-CRED.
public enum AzureADCredentialRule: ScanRule {
    public static let id = "AAD-CRED"
    public static let title = "Retired AzureAD module signs in with a credential"
    public static let help =
        "Connect-AzureAD belongs to the retired AzureAD module and -Credential is a stored user password. Move to Microsoft Graph PowerShell with certificate or managed identity authentication."
    public static let source = MsolCredentialRule.source
    public static let triggeringExamples = ["Connect-AzureAD -Credential $c", "$p = @{ Credential = $c }\nConnect-AzureAD @p"]
    public static let nonTriggeringExamples = ["Connect-AzureAD -TenantId x -ApplicationId y -CertificateThumbprint z"]

    public static func check(_ command: Command, in script: ScriptContext) -> [RuleHit] {
        guard command.isNamed("connect-azuread") else { return [] }
        let (found, origin) = Judge.credential(of: command, in: script)
        guard found else { return [] }
        return [
            RuleHit(
                severity: Judge.severity(for: origin),
                message: "Connect-AzureAD (retired AzureAD module) signs in with a credential \(Judge.describe(origin))",
                replacement: "Connect-MgGraph -ClientId <app-id> -CertificateThumbprint <thumbprint> -TenantId <tenant-id>")
        ]
    }
}
