import AuthShiftCore

/// A sender that already submits with OAuth is on the target path: nothing to do.
/// Source: migration guide, "Modern application that supports OAuth for SMTP → SMTP AUTH
/// with OAuth"; the SMTP AUTH clients report's Authentication Protocol column (MC786329).
public enum AlreadyOnOAuthRule: AdviceRule {
    public static let id = "already-oauth"
    public static let path = MigrationPath.oauth
    public static let source = References.migrationOptions
    public static let watchPoints = [
        "Keep SMTP AUTH enabled for this mailbox only as long as it submits with OAuth; Basic can stay blocked."
    ]
    public static let triggeringExamples = [SenderFacts.example { $0.currentAuth = .oauth }]
    public static let nonTriggeringExamples = [SenderFacts.example { $0.currentAuth = .mixed }, SenderFacts.example()]

    public static func applies(to f: SenderFacts) -> [String]? {
        f.currentAuth == .oauth ? ["It already authenticates with OAuth (SMTP AUTH clients report, Authentication Protocol)."] : nil
    }
}
