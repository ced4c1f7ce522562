/// `PS-PLAINTEXT-SECRET`: ConvertTo-SecureString -AsPlainText on a literal (given as an
/// argument, through a variable, or piped in, also inside `$( … )`), on a property of settings
/// loaded from a JSON, XML, CSV or .psd1 file (the password is stored in that file in plain
/// text), or a NetworkCredential built from a literal password (`New-Object` or `::new`). The
/// value itself is never reported.
/// Source: the migration guide, "A typical legacy pattern ... ConvertTo-SecureString
/// "<password>" -AsPlainText -Force ... Do not migrate this by moving the password to another
/// text file."
public enum PlaintextSecretRule: ScanRule {
    public static let id = "PS-PLAINTEXT-SECRET"
    public static let title = "A password is written in the script"
    public static let help =
        "ConvertTo-SecureString -AsPlainText on a literal keeps a password in the script. Remove it and move the job to certificate or managed identity authentication."
    public static let source = [ScanSources.migrationGuide, ScanSources.appOnlyPowerShell].joined(separator: "; ")
    public static let triggeringExamples = [
        "$Password = ConvertTo-SecureString \"Summer2026!\" -AsPlainText -Force",
        "$pw = 'hunter2'\n$s = ConvertTo-SecureString $pw -AsPlainText -Force",
        "$s = ConvertTo-SecureString -String 'x' \u{2014}AsPlain -Force",
        "$cred = [pscredential]::new('svc@contoso.com', ('Winter2026!' | ConvertTo-SecureString -AsPlainText -Force))",
        "$nc = New-Object System.Net.NetworkCredential('svc@contoso.com', 'Winter2026!')",
        "$S = CONVERTTO-SECURESTRING 'x' -ASPLAINTEXT -FORCE",
        "$Config = Get-Content \"$PSScriptRoot\\tenant.json\" -Raw | ConvertFrom-Json\n$sec = ConvertTo-SecureString $Config.AdminPass365 -AsPlainText -Force",
        "[xml]$settings = Get-Content .\\settings.xml\n$p = $settings.root.mail.password\n$s = ConvertTo-SecureString -String $p -AsPlainText -Force",
        "$smtpPassword = 'Relay!2026'\n$c = New-Object PSCredential('alerts@contoso.com', $($smtpPassword | ConvertTo-SecureString -AsPlainText -Force))",
        "$nc = [System.Net.NetworkCredential]::new('svc@contoso.com', 'Winter2026!')",
    ]
    public static let nonTriggeringExamples = [
        "$s = Get-Content C:\\pw.txt | ConvertTo-SecureString",
        "$s = Read-Host -AsSecureString",
        "$s = ConvertTo-SecureString $encrypted",
        "$kv = Get-AzKeyVaultSecret -VaultName ops -Name smtp\n$sec = ConvertTo-SecureString $kv.SecretValueText -AsPlainText -Force",
        "$smtpPassword = $env:SMTP_PASSWORD\n$c = New-Object PSCredential('alerts@contoso.com', $($smtpPassword | ConvertTo-SecureString -AsPlainText -Force))",
        "$nc = [System.Net.NetworkCredential]::new($user, $securePassword)",
    ]

    public static func check(_ command: Command, in script: ScriptContext) -> [RuleHit] {
        if command.isNamed("new-object"), let type = command.positional.first.map({ script.text($0.first).lowercased() }),
            type.hasSuffix("networkcredential"),
            let args = command.positional.first?.tokens.dropFirst(), args.filter({ $0.isString }).count >= 2
        {
            return [hit]
        }
        guard command.isNamed("convertto-securestring"), command.parameter("AsPlainText", minimum: 3) != nil else { return [] }
        let source: Command.Element
        if let piped = command.pipedElement {
            source = piped
        } else if let given = command.parameter("String")?.value ?? command.positional.first {
            source = given
        } else {
            return []
        }
        switch script.value(of: source) {
        case .literal: return [hit]
        case .configuration: return [fromSettings]
        default: return []
        }
    }

    static let replacement =
        "remove the password; use Connect-ExchangeOnline -CertificateThumbprint <thumbprint> -AppId <app-id> -Organization <tenant>.onmicrosoft.com, or -ManagedIdentity"

    static var hit: RuleHit {
        RuleHit(
            severity: .critical, message: "a password is written in the script and turned into a credential (value not shown)",
            replacement: replacement)
    }

    static var fromSettings: RuleHit {
        RuleHit(
            severity: .high,
            message:
                "a password read from a settings file (JSON, XML, CSV or .psd1) is turned into a credential: it is stored in that file in plain text (value not shown)",
            replacement: replacement + "; until then keep the secret in a vault (Get-Secret, Azure Key Vault), not in a settings file")
    }
}
