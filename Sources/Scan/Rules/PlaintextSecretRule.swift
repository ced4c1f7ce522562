/// `PS-PLAINTEXT-SECRET`: ConvertTo-SecureString -AsPlainText on a literal: a password written
/// in the script. The value itself is never reported.
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
    ]
    public static let nonTriggeringExamples = [
        "$s = Get-Content C:\\pw.txt | ConvertTo-SecureString",
        "$s = Read-Host -AsSecureString",
        "$s = ConvertTo-SecureString $encrypted",
    ]

    public static func check(_ command: Command, in script: ScriptContext) -> [RuleHit] {
        guard command.canonicalName == "convertto-securestring", command.parameter("AsPlainText", minimum: 3) != nil else { return [] }
        let source = command.parameter("String")?.value ?? command.positional.first
        guard let source, script.literal(source) != nil else { return [] }
        return [RuleHit(severity: .critical, message: "a password is written in the script and turned into a credential (value not shown)",
                        replacement: "remove the password; use Connect-ExchangeOnline -CertificateThumbprint <thumbprint> -AppId <app-id> -Organization <tenant>.onmicrosoft.com, or -ManagedIdentity")]
    }
}
