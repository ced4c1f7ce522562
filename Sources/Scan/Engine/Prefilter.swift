/// A cheap first look at a file: rules can only fire when certain words appear in it
/// (a command name, a .NET type, a submission host), so files without any of them skip
/// tokenizing and parsing. One pass over the bytes finds any of the words in any ASCII case
/// (`MultiNeedleSearch`), without a lower-cased copy of the file.
enum Prefilter {
    /// Every PowerShell rule needs one of these command or type names in the text.
    static let powershellWords = [
        "connect-exchangeonline", "connect-ippssession", "connect-ippsession", "connect-msolservice", "connect-azuread",
        "new-pssession", "nsn", "convertto-securestring", "send-mailmessage", "smtpclient", "networkcredential",
        "powershell-liveid", "ps.outlook.com",
    ]
    /// Code and configuration rules need a submission host.
    static let hostWords = ["office365.com"]
    /// .config files may also hold a mail password under an appSettings key with the host in
    /// code (`sendEmailPassword`, `SmtpPassword`, `MailPass`, `smtp_pwd`).
    static let xmlConfigWords =
        hostWords + ["mailpass", "smtppass", "mail_pass", "smtp_pass", "mailpwd", "smtppwd", "mail_pwd", "smtp_pwd"]

    static let powershell = MultiNeedleSearch(powershellWords)
    static let host = MultiNeedleSearch(hostWords)
    static let xmlConfig = MultiNeedleSearch(xmlConfigWords)

    static func mayMatch(_ bytes: [UInt8], words: [String]) -> Bool {
        MultiNeedleSearch(words).matchesAny(bytes)
    }
}
