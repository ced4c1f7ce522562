import AuthShiftCore

/// When the facts that choose a path are missing: OAuth (or HVE for internal-only mail) as a
/// provisional answer, with the inventory fields that would make it firm.
/// Source: migration guide, "Move capable applications to SMTP AUTH with OAuth. Move
/// internal high volume device or application mail to High Volume Email where it fits."
public enum ProvisionalDefaultRule: AdviceRule {
    public static let id = "provisional-default"
    public static let path = MigrationPath.oauth
    public static let source = References.migrationOptions
    public static let watchPoints = [
        "Provisional: fill in workload, oauth_capable and static_ip in inventory-todo.csv and run assess again."
    ]
    public static let triggeringExamples = [SenderFacts.example()]
    public static let nonTriggeringExamples: [SenderFacts] = []

    public static func applies(to f: SenderFacts) -> [String]? {
        var missing: [String] = []
        if f.workload == nil { missing.append("workload") }
        if f.oauthCapable == nil { missing.append("oauth_capable") }
        if f.staticIP == nil { missing.append("static_ip") }
        if f.recipients == .unknown { missing.append("recipients (message trace)") }
        return [
            "Not enough is known to choose firmly" + (missing.isEmpty ? "." : "; missing: " + missing.joined(separator: ", ") + "."),
            "OAuth is the default target for anything that can be updated.",
        ]
    }

    public static func confidence(for f: SenderFacts) -> Recommendation.Confidence { .provisional }

    /// HVE instead of OAuth when all recipients are known to be internal.
    public static func recommendation(for f: SenderFacts) -> Recommendation? {
        guard
            var r = applies(to: f).map({
                Recommendation(path: path, rule: id, confidence: .provisional, why: $0, watchPoints: watchPoints, source: source)
            })
        else { return nil }
        if f.recipients == .internal {
            r.path = .hve
            r.why[1] = "All recipients are internal, which High Volume Email serves without a mailbox password."
            r.watchPoints.append(contentsOf: InternalHighVolumeRule.watchPoints)
        }
        return r
    }
}
