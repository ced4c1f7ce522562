/// `SMTP-BASIC-CODE` (the SMTP-BASIC family) in application code: code that authenticates with a user name and password
/// to an Exchange Online client-submission host: .NET SmtpClient with NetworkCredential,
/// MailKit Authenticate(user, password), Python smtplib login, nodemailer `auth: {user, pass}`,
/// PHPMailer, JavaMail, Go net/smtp PlainAuth. Comments do not count; the host must appear in
/// a string literal of the same file; code that uses OAuth (XOAUTH2) is left alone.
/// Source: Microsoft, "Authenticate an IMAP, POP or SMTP connection using OAuth"; the
/// migration guide, "Move capable applications to SMTP AUTH with OAuth".
public enum CodeSMTPBasicRule: FileRule {
    public static let id = "SMTP-BASIC-CODE"
    public static let title = "Application code sends with a mailbox password (SMTP AUTH Basic)"
    public static let help = SendMailMessageBasicRule.help
    public static let source = ScanSources.smtpBasic

    /// The authentication call per language, and the replacement to suggest.
    static let patterns: [SourceLanguage: (markers: [String], replacement: String)] = [
        .csharp: (
            ["NetworkCredential", ".Authenticate("],
            "MailKit with SaslMechanismOAuth2 and an MSAL client-credentials token (SMTP.SendAsApp), or Microsoft Graph sendMail"
        ),
        .visualBasic: (
            ["NetworkCredential", ".Authenticate("], "MailKit with SaslMechanismOAuth2 and an MSAL token, or Microsoft Graph sendMail"
        ),
        .python: (
            [".login("], "smtplib with AUTH XOAUTH2 (an MSAL client-credentials token for SMTP.SendAsApp), or Microsoft Graph sendMail"
        ),
        .javascript: (
            ["pass:", "pass :", "password:"],
            "nodemailer auth: { type: 'OAuth2', user, accessToken } with an MSAL token, or Microsoft Graph sendMail"
        ),
        .php: (["->Password", "->Username"], "PHPMailer with AuthType = 'XOAUTH2' and an OAuth provider, or Microsoft Graph sendMail"),
        .java: (
            ["PasswordAuthentication", "mail.smtp.auth"],
            "JavaMail with mail.smtp.auth.mechanisms=XOAUTH2 and an MSAL token, or Microsoft Graph sendMail"
        ),
        .go: (["PlainAuth(", "LoginAuth"], "an XOAUTH2 smtp.Auth with an MSAL token, or Microsoft Graph sendMail"),
    ]

    public static let triggeringExamples: [(String, String)] = [
        (
            "Mailer.cs",
            "var client = new SmtpClient(\"smtp.office365.com\", 587);\nclient.EnableSsl = true;\nclient.Credentials = new NetworkCredential(user, password);\n"
        ),
        (
            "Send.cs",
            "using var smtp = new MailKit.Net.Smtp.SmtpClient();\nsmtp.Connect(\"smtp.office365.com\", 587, SecureSocketOptions.StartTls);\nsmtp.Authenticate(\"app@contoso.com\", secret);\n"
        ),
        (
            "notify.py",
            "import smtplib\nserver = smtplib.SMTP('smtp.office365.com', 587)\nserver.starttls()\nserver.login(USER, PASSWORD)\n"
        ),
        (
            "mail.js",
            "const t = nodemailer.createTransport({\n  host: 'smtp.office365.com', port: 587,\n  auth: { user: process.env.U, pass: process.env.P }\n});\n"
        ),
        (
            "mail.php",
            "$mail->Host = 'smtp.office365.com';\n$mail->SMTPAuth = true;\n$mail->Username = 'a@contoso.com';\n$mail->Password = getenv('P');\n"
        ),
        (
            "Mail.java",
            "props.put(\"mail.smtp.host\", \"smtp.office365.com\");\nprops.put(\"mail.smtp.auth\", \"true\");\nreturn new PasswordAuthentication(user, pass);\n"
        ),
        (
            "mail.go",
            "auth := smtp.PlainAuth(\"\", user, pass, \"smtp.office365.com\")\nsmtp.SendMail(\"smtp.office365.com:587\", auth, from, to, msg)\n"
        ),
    ]
    public static let nonTriggeringExamples: [(String, String)] = [
        (
            "Mailer.cs",
            "// new SmtpClient(\"smtp.office365.com\") with new NetworkCredential(u, p)\nvar client = new SmtpClient(\"mail.contoso.local\");\nclient.Credentials = new NetworkCredential(u, p);\n"
        ),
        (
            "Send.cs",
            "smtp.Connect(\"smtp.office365.com\", 587, SecureSocketOptions.StartTls);\nsmtp.Authenticate(new SaslMechanismOAuth2(user, token));\n"
        ),
        ("notify.py", "server = smtplib.SMTP('contoso-com.mail.protection.outlook.com', 25)\nserver.sendmail(a, b, msg)\n"),
        (
            "mail.js",
            "const t = nodemailer.createTransport({ host: 'smtp.office365.com', auth: { type: 'OAuth2', user: u, accessToken: tok } });\n"
        ),
        ("notes.py", "# server.login(USER, PASSWORD) against 'smtp.office365.com' was removed\nprint('done')\n"),
    ]

    public static func check(bytes: [UInt8], language: SourceLanguage) -> [(line: Int, hit: RuleHit)] {
        guard let pattern = patterns[language] else { return [] }
        let view = CodeView(bytes: bytes, language: language)
        guard let hostName = view.strings.lazy.compactMap({ Judge.submissionHost(in: $0.value) }).first else { return [] }
        if Judge.mentionsOAuth(view.code) { return [] }
        for marker in pattern.markers {
            if let line = view.line(of: marker) {
                return [
                    (
                        line,
                        RuleHit(
                            severity: .high,
                            message:
                                "\(language.rawValue) code authenticates to \(hostName) with a user name and password (SMTP AUTH Basic)",
                            replacement: pattern.replacement)
                    )
                ]
            }
        }
        return []
    }
}
