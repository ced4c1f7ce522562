#if canImport(Glibc)
import Glibc
#endif

/// A cheap first look at a file: rules can only fire when certain words appear in it
/// (a command name, a .NET type, a submission host), so files without any of them skip
/// tokenizing and parsing. Comparison is on ASCII-lower-cased bytes, memchr(3) finding
/// each candidate first byte.
enum Prefilter {
    /// Every PowerShell rule needs one of these command or type names in the text.
    static let powershellWords = ["connect-exchangeonline", "connect-ippssession", "connect-ippsession", "connect-msolservice", "connect-azuread",
                                  "new-pssession", "nsn", "convertto-securestring", "send-mailmessage", "smtpclient", "networkcredential",
                                  "powershell-liveid", "ps.outlook.com"]
    /// Code and configuration rules need a submission host.
    static let hostWords = ["office365.com"]
    /// .config files may also hold a mail password under an appSettings key with the host in
    /// code (`sendEmailPassword`, `SmtpPassword`, `MailPass`, `smtp_pwd`).
    static let xmlConfigWords = hostWords + ["mailpass", "smtppass", "mail_pass", "smtp_pass", "mailpwd", "smtppwd", "mail_pwd", "smtp_pwd"]

    static func mayMatch(_ bytes: [UInt8], words: [String]) -> Bool {
        var lower = bytes
        for i in lower.indices where lower[i] >= 0x41 && lower[i] <= 0x5A { lower[i] |= 0x20 }
        return lower.withUnsafeBufferPointer { hay in
            words.contains { word in
                let pin = Array(word.utf8)
                guard let base = hay.baseAddress, hay.count >= pin.count else { return false }
                var i = 0
                while i + pin.count <= hay.count {
                    guard let hit = memchr(base + i, Int32(pin[0]), hay.count - pin.count + 1 - i) else { return false }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    var j = 1
                    while j < pin.count && hay[at + j] == pin[j] { j += 1 }
                    if j == pin.count { return true }
                    i = at + 1
                }
                return false
            }
        }
    }
}
