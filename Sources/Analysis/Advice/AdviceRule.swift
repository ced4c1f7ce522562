import AuthShiftCore

/// What the advice rules look at for one sender row.
public struct SenderFacts: Sendable {
    public var sender: String
    public var currentAuth: SenderRow.CurrentAuth
    public var recipients: SenderRow.Recipients
    public var volume: SenderRow.Volume
    /// printer, scanner, application, script, monitoring or other; nil when unknown.
    public var workload: String?
    /// yes, no, or nil (unknown).
    public var oauthCapable: String?
    public var staticIP: String?
    public var owner: String?
    /// A successful send or sign-in within `AssessOptions.recentUseDays`.
    public var usedRecently: Bool
    public var lastUse: Timestamp?
    public var messages: Int?

    public var isDevice: Bool { ["printer", "scanner", "other"].contains(workload ?? "") }
    public var isApplication: Bool { ["application", "script"].contains(workload ?? "") }
}

/// One replacement rule from the migration guide's migration options table. Rules are
/// tried in `BuiltInAdviceRules.all` order; the first that applies decides.
///
/// Each rule's doc comment and `source` cite the guide row it encodes; `examples` are
/// facts that must and must not trigger it, run by the test suite.
public protocol AdviceRule: Sendable {
    static var id: String { get }
    static var path: MigrationPath { get }
    static var source: String { get }
    static var watchPoints: [String] { get }
    /// Facts that must make this rule decide (when no earlier rule does).
    static var triggeringExamples: [SenderFacts] { get }
    /// Facts that must not.
    static var nonTriggeringExamples: [SenderFacts] { get }
    /// The reasons it applies, or nil when it does not.
    static func applies(to facts: SenderFacts) -> [String]?
    /// Whether the recommendation rests on defaults rather than known facts.
    static func confidence(for facts: SenderFacts) -> Recommendation.Confidence
}

extension AdviceRule {
    public static func confidence(for facts: SenderFacts) -> Recommendation.Confidence { .firm }

    public static func recommendation(for facts: SenderFacts) -> Recommendation? {
        guard let why = applies(to: facts) else { return nil }
        return Recommendation(
            path: path, rule: id, confidence: confidence(for: facts), why: why, watchPoints: watchPoints,
            nothingToDo: id == AlreadyOnOAuthRule.id, source: source)
    }
}

extension SenderFacts {
    /// A blank fact set for examples: Basic, unknown everything.
    public static func example(_ change: (inout SenderFacts) -> Void = { _ in }) -> SenderFacts {
        var f = SenderFacts(
            sender: "device@contoso.com", currentAuth: .basic, recipients: .unknown, volume: .unknown, workload: nil,
            oauthCapable: nil, staticIP: nil, owner: "IT", usedRecently: true, lastUse: nil, messages: nil)
        change(&f)
        return f
    }
}
