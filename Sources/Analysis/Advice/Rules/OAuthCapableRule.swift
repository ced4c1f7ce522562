import AuthShiftCore

/// The owner says the system supports OAuth: move it to SMTP AUTH with XOAUTH2.
/// Source: migration guide, "Modern application that supports OAuth for SMTP → SMTP AUTH
/// with OAuth"; Microsoft, "Authenticate an IMAP, POP or SMTP connection using OAuth".
public enum OAuthCapableRule: AdviceRule {
    public static let id = "oauth-capable"
    public static let path = MigrationPath.oauth
    public static let source = References.migrationOptions + "; " + References.oauthSMTP
    public static let watchPoints = [
        "Requires app registration, token handling, and XOAUTH2 support.",
        "App-only sending needs the SMTP.SendAsApp permission, New-ServicePrincipal and a mailbox permission for the app.",
    ]
    public static let triggeringExamples = [SenderFacts.example { $0.oauthCapable = "yes" }]
    public static let nonTriggeringExamples = [SenderFacts.example { $0.oauthCapable = "no" }, SenderFacts.example()]

    public static func applies(to f: SenderFacts) -> [String]? {
        f.oauthCapable == "yes" ? ["The inventory says it supports OAuth (oauth_capable = yes)."] : nil
    }
}
