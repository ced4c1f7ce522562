/// `PS-PLAINTEXT-SECRET`: ConvertTo-SecureString -AsPlainText on a literal (given as an
/// argument, through a variable, or piped in), or a NetworkCredential built from a literal
/// password: a password written in the script. The value itself is never reported.
/// Source: the migration guide, "A typical legacy pattern ... ConvertTo-SecureString
/// "<password>" -AsPlainText -Force ... Do not migrate this by moving the password to another
/// text file."
public enum PlaintextSecretRule: ScanRule {
    public static let id = "PS-PLAINTEXT-SECRET"
    public static let title = "A password is written in the script"
    public static let help = "ConvertTo-SecureString -AsPlainText on a literal keeps a password in the script. Remove it and move the job to certificate or managed identity authentication."
    public static let triggeringExamples = [
        "$Password = ConvertTo-SecureString \"Summer2026!\" -AsPlainText -Force",
        "$pw = 'hunter2'\n$s = ConvertTo-SecureString $pw -AsPlainText -Force",
        "$s = ConvertTo-SecureString -String 'x' \u{2014}AsPlain -Force",
        "$cred = [pscredential]::new('svc@contoso.com', ('Winter2026!' | ConvertTo-SecureString -AsPlainText -Force))",
        "$nc = New-Object System.Net.NetworkCredential('svc@contoso.com', 'Winter2026!')",
        "$S = CONVERTTO-SECURESTRING 'x' -ASPLAINTEXT -FORCE",
    ]
    public static let nonTriggeringExamples = [
        "$s = Get-Content C:\\pw.txt | ConvertTo-SecureString",
        "$s = Read-Host -AsSecureString",
        "$s = ConvertTo-SecureString $encrypted",
    ]

    public static func check(_ command: Command, in script: ScriptContext) -> [RuleHit] {
        if command.canonicalName == "new-object", let type = command.positional.first?.first.text.lowercased(), type.hasSuffix("networkcredential"),
           let args = command.positional.first?.tokens.dropFirst(), args.filter({ $0.isString }).count >= 2 {
            return [hit]
        }
        guard command.canonicalName == "convertto-securestring", command.parameter("AsPlainText", minimum: 3) != nil else { return [] }
        if command.pipedLiteral != nil { return [hit] }
        let source = command.parameter("String")?.value ?? command.positional.first
        guard let source, script.literal(source) != nil else { return [] }
        return [hit]
    }

    static var hit: RuleHit {
        RuleHit(severity: .critical, message: "a password is written in the script and turned into a credential (value not shown)",
                replacement: "remove the password; use Connect-ExchangeOnline -CertificateThumbprint <thumbprint> -AppId <app-id> -Organization <tenant>.onmicrosoft.com, or -ManagedIdentity")
    }
}
