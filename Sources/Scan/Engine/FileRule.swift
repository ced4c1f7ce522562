/// A rule over a whole non-PowerShell file (application code or configuration).
public protocol FileRule: Sendable {
    static var id: String { get }
    static var title: String { get }
    static var help: String { get }
    /// The public pages the rule rests on, shown in docs/rules.md.
    static var source: String { get }
    /// (file name, content) pairs that must trigger, and that must not.
    static var triggeringExamples: [(String, String)] { get }
    static var nonTriggeringExamples: [(String, String)] { get }
    static func check(bytes: [UInt8], language: SourceLanguage) -> [(line: Int, hit: RuleHit)]
}
