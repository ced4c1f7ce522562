import AuthShiftCore
import Ingest

/// 15. Legacy authentication is blocked and Conditional Access exceptions are narrow and reviewed
/// (CISA SCuBA MS.AAD.1.1v1, CIS 5.2.2.3): security defaults on, or an enabled policy that blocks
/// legacy authentication; more direct exclusions than exception rows are pointed out.
public enum LegacyAuthBlockedItem: ChecklistItem {
    public static let number = 15
    public static let title = "Legacy authentication is blocked; Conditional Access exceptions are narrow and reviewed"
    public static let controls = ["MS.AAD.1.1v1", "CIS 5.2.2.3"]
    public static let required = true
    /// The passing cases (security defaults on, a blocking policy) are in the Planner's tests,
    /// built from parsed exports.
    public static var examples: [ChecklistExample] {
        [
            ChecklistExample(.unknown, .example()),
            ChecklistExample(.fail, .example { $0.snapshot.filesByKind[.conditionalAccessPolicies] = ["ca.json"] }),
        ]
    }

    public static func check(_ facts: ChecklistFacts) -> ChecklistOutcome {
        let snapshot = facts.snapshot
        if snapshot.securityDefaults.first?.isEnabled == true {
            return ChecklistOutcome(.pass, "security defaults are on, which block legacy authentication for everyone")
        }
        guard snapshot.has(.conditionalAccessPolicies) else {
            return ChecklistOutcome(.unknown, "no Conditional Access export", decidedBy: ExportKind.conditionalAccessPolicies.title)
        }
        let blocking = snapshot.conditionalAccessPolicies.filter(\.blocksLegacyAuthentication)
        let evidence = blocking.map {
            "\($0.displayName): \($0.excludeUsers.count) excluded users, \($0.excludeGroups.count) excluded groups"
        }
        guard !blocking.isEmpty else {
            return ChecklistOutcome(.fail, "no enabled Conditional Access policy blocks legacy authentication", evidence: evidence)
        }
        let excluded = Set(blocking.flatMap(\.excludeUsers)).count
        let validExceptions = facts.exceptionResults.isEmpty ? 0 : Set(snapshot.exceptions.map(\.mailbox)).count
        let review =
            excluded > validExceptions && snapshot.has(.exceptions)
            ? "; more exclusions than exception rows (\(validExceptions)): review them" : ""
        return ChecklistOutcome(
            .pass, "\(blocking.count) enabled policy(ies) block legacy authentication, excluding \(excluded) user(s) directly" + review,
            evidence: evidence)
    }
}
