/// `SMTP-BASIC` (PowerShell with .NET): `New-Object System.Net.Mail.SmtpClient` to an
/// Exchange Online client-submission host with `.Credentials` set in the same script, the
/// pattern many scheduled scripts use instead of Send-MailMessage.
/// Source: as for SMTP-BASIC; System.Net.Mail.SmtpClient supports only Basic (LOGIN/NTLM)
/// authentication, no OAuth.
public enum DotNetSmtpClientRule: ScanRule {
    public static let id = "SMTP-BASIC"
    public static let title = SendMailMessageBasicRule.title
    public static let help = SendMailMessageBasicRule.help

    public static let triggeringExamples = [
        "$smtp = New-Object System.Net.Mail.SmtpClient('smtp.office365.com', 587)\n$smtp.EnableSsl = $true\n$smtp.Credentials = New-Object System.Net.NetworkCredential($user, $pass)\n$smtp.Send($msg)",
        "$server = 'smtp.office365.com'\n$c = New-Object Net.Mail.SmtpClient($server, 587)\n$c.Credentials = $cred.GetNetworkCredential()",
        "$c = New-Object -TypeName System.Net.Mail.SmtpClient -ArgumentList 'smtp-legacy.office365.com', 587\n$c.Credentials = $nc",
    ]
    public static let nonTriggeringExamples = [
        "$smtp = New-Object System.Net.Mail.SmtpClient('relay.contoso.local', 25)\n$smtp.Credentials = $nc",
        "$smtp = New-Object System.Net.Mail.SmtpClient('smtp.office365.com', 587)\n$smtp.UseDefaultCredentials = $false",
    ]

    public static func check(_ command: Command, in script: ScriptContext) -> [RuleHit] {
        guard command.canonicalName == "new-object" else { return [] }
        let typeElement = command.parameter("TypeName")?.value ?? command.positional.first
        guard let type = typeElement?.first.text.lowercased(), type.hasSuffix("smtpclient") else { return [] }
        // The host: the first string (or variable holding one) among the constructor arguments.
        var candidates = typeElement!.tokens.dropFirst().map { $0 }
        if let args = command.parameter("ArgumentList")?.value { candidates += args.tokens }
        if let p = command.parameters.first(where: { "argumentlist".hasPrefix($0.name.lowercased()) && $0.name.count >= 3 }), p.value == nil {
            candidates += command.positional.flatMap(\.tokens)
        }
        candidates += command.positional.dropFirst().flatMap(\.tokens)
        var host: String?
        for t in candidates {
            if t.isString, Judge.isSubmissionHost(t.text) { host = t.text; break }
            if t.kind == .variable, case .literal(let v)? = script.variables[t.text.lowercased()], Judge.isSubmissionHost(v) { host = v; break }
        }
        guard let host, script.properties.keys.contains(where: { $0.hasSuffix(".credentials") }) else { return [] }
        return [RuleHit(severity: .high, message: "System.Net.Mail.SmtpClient sends through \(host) with a user name and password (SMTP AUTH Basic; SmtpClient cannot do OAuth)",
                        replacement: "Send-MgUserMail (Microsoft Graph, app-only with Mail.Send), or MailKit with SaslMechanismOAuth2; for internal alerts, High Volume Email")]
    }
}
