/// `SMTP-BASIC-DOTNET` (PowerShell with .NET): an SMTP client object that signs in to an
/// Exchange Online client-submission host with a user name and password:
/// - `System.Net.Mail.SmtpClient` (`New-Object` or `[…]::new(…)`) given the host, with
///   `.Credentials` set in the same script (the pattern many scheduled scripts use instead of
///   Send-MailMessage);
/// - MailKit's `MailKit.Net.Smtp.SmtpClient` loaded into PowerShell, `.Connect(host, …)` to the
///   host and `.Authenticate(…)` with a credential or a user name and password (not with
///   `SaslMechanismOAuth2`).
/// Part of the `SMTP-BASIC` family (SMTP AUTH with a password).
/// Source: as for SMTP-BASIC-SENDMAIL; System.Net.Mail.SmtpClient supports only Basic
/// (LOGIN/NTLM) authentication, no OAuth; MailKit's SmtpClient.Authenticate(ICredentials) and
/// (string, string) use password mechanisms, SaslMechanismOAuth2 is its XOAUTH2.
public enum DotNetSmtpClientRule: ScanRule {
    public static let id = "SMTP-BASIC-DOTNET"
    public static let title = "A .NET SMTP client sends with a mailbox password (SMTP AUTH Basic)"
    public static let help = SendMailMessageBasicRule.help
    public static let source = ScanSources.smtpBasic + "; " + ScanSources.dotNetSmtpClient

    public static let triggeringExamples = [
        "$smtp = New-Object System.Net.Mail.SmtpClient('smtp.office365.com', 587)\n$smtp.EnableSsl = $true\n$smtp.Credentials = New-Object System.Net.NetworkCredential($user, $pass)\n$smtp.Send($msg)",
        "$server = 'smtp.office365.com'\n$c = New-Object Net.Mail.SmtpClient($server, 587)\n$c.Credentials = $cred.GetNetworkCredential()",
        "$c = New-Object -TypeName System.Net.Mail.SmtpClient -ArgumentList 'smtp-legacy.office365.com', 587\n$c.Credentials = $nc",
        "$relay = [System.Net.Mail.SmtpClient]::new('smtp.office365.com', 587)\n$relay.EnableSsl = $true\n$relay.Credentials = [System.Net.NetworkCredential]::new($u, $p)",
        "Add-Type -Path \"$PSScriptRoot\\lib\\MailKit.dll\"\n$mk = New-Object MailKit.Net.Smtp.SmtpClient\n$mk.Connect('smtp.office365.com', 587, [MailKit.Security.SecureSocketOptions]::StartTls)\n$mk.Authenticate($svcCred)\n$mk.Send($mime)",
        "$mk = [MailKit.Net.Smtp.SmtpClient]::new()\n$mk.Connect(\"smtp.office365.com\", 587)\n$mk.Authenticate($sender, $senderPassword)",
    ]
    public static let nonTriggeringExamples = [
        "$smtp = New-Object System.Net.Mail.SmtpClient('relay.contoso.local', 25)\n$smtp.Credentials = $nc",
        "$smtp = New-Object System.Net.Mail.SmtpClient('smtp.office365.com', 587)\n$smtp.UseDefaultCredentials = $false",
        "$relay = [System.Net.Mail.SmtpClient]::new('relay.contoso.local', 25)\n$relay.Credentials = $nc",
        "$mk = New-Object MailKit.Net.Smtp.SmtpClient\n$mk.Connect('smtp.office365.com', 587)\n$mk.Authenticate([MailKit.Security.SaslMechanismOAuth2]::new($sender, $token))",
        "$mk = [MailKit.Net.Smtp.SmtpClient]::new()\n$mk.Connect('mail.contoso.local', 25)\n$mk.Authenticate($svcCred)",
    ]

    static let replacement =
        "Send-MgUserMail (Microsoft Graph, app-only with Mail.Send), or MailKit with SaslMechanismOAuth2; for internal alerts, High Volume Email"

    public static func check(_ command: Command, in script: ScriptContext) -> [RuleHit] {
        guard command.isNamed("new-object") else { return [] }
        let typeElement = command.parameter("TypeName")?.value ?? command.positional.first
        guard let type = typeElement.map({ script.text($0.first).lowercased() }), type.hasSuffix("smtpclient") else { return [] }
        if type.hasSuffix("mailkit.net.smtp.smtpclient") { return mailKit(in: script) }
        // The host: the first string (or variable holding one) among the constructor arguments.
        var candidates = typeElement!.tokens.dropFirst().map { $0 }
        if let args = command.parameter("ArgumentList")?.value { candidates += args.tokens }
        if let p = command.parameters.first(where: { "argumentlist".hasPrefix($0.name.lowercased()) && $0.name.count >= 3 }), p.value == nil
        {
            candidates += command.positional.flatMap(\.tokens)
        }
        candidates += command.positional.dropFirst().flatMap(\.tokens)
        guard let host = submissionHost(in: candidates, script), script.properties.keys.contains(where: { $0.hasSuffix(".credentials") })
        else { return [] }
        return [
            RuleHit(
                severity: .high,
                message:
                    "System.Net.Mail.SmtpClient sends through \(host) with a user name and password (SMTP AUTH Basic; SmtpClient cannot do OAuth)",
                replacement: replacement)
        ]
    }

    /// MailKit: a `.Connect` to a submission host and an `.Authenticate` without OAuth.
    static func mailKit(in script: ScriptContext) -> [RuleHit] {
        guard
            let host = script.methodCalls.lazy.filter({ $0.method == "connect" }).compactMap({ submissionHost(in: $0.arguments, script) })
                .first,
            let auth = script.methodCalls.first(where: { $0.method == "authenticate" }),
            !auth.arguments.contains(where: { Judge.mentionsOAuth(script.text($0)) })
        else { return [] }
        return [
            RuleHit(
                severity: .high,
                message: "MailKit's SmtpClient connects to \(host) and authenticates with a user name and password (SMTP AUTH Basic)",
                replacement:
                    "MailKit with SaslMechanismOAuth2 and a token for https://outlook.office365.com/.default (SMTP.SendAsApp), or Send-MgUserMail"
            )
        ]
    }

    /// The first string (or variable holding one) that is a submission host.
    static func submissionHost(in tokens: [Token], _ script: ScriptContext) -> String? {
        for t in tokens {
            if t.isString, case let text = script.text(t), Judge.isSubmissionHost(text) { return text }
            if t.kind == .variable, case .literal(let v)? = script.variables[script.script.lowercased(t)], Judge.isSubmissionHost(v) {
                return v
            }
        }
        return nil
    }
}
