/// A rule over a whole non-PowerShell file (application code or configuration).
public protocol FileRule: Sendable {
    static var id: String { get }
    static var title: String { get }
    static var help: String { get }
    /// (file name, content) pairs that must trigger, and that must not.
    static var triggeringExamples: [(String, String)] { get }
    static var nonTriggeringExamples: [(String, String)] { get }
    static func check(bytes: [UInt8], language: SourceLanguage) -> [(line: Int, hit: RuleHit)]
}

extension Judge {
    /// Text that shows OAuth is in use (XOAUTH2, MailKit's SaslMechanismOAuth2, nodemailer's type: 'OAuth2').
    static func mentionsOAuth(_ text: String) -> Bool {
        let l = text.lowercased()
        return l.contains("xoauth2") || l.contains("saslmechanismoauth2") || l.contains("oauth2") || l.contains("authtype") && l.contains("oauth")
    }
}
