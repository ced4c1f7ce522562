import AuthShiftCore

/// 8. External application mail has an ACS Email or approved email service decision: every sender pointed to ACS has a firm decision (owner and facts
/// recorded), not a provisional one.
public enum ACSDecisionItem: ChecklistItem {
    public static let number = 8
    public static let title = "External application mail has an ACS Email or approved email service decision"
    public static let required = false
    public static var examples: [ChecklistExample] {
        [ChecklistExample(.pass, .example())]
    }

    public static func check(_ facts: ChecklistFacts) -> ChecklistOutcome {
        PreventionChecklist.decisionOutcome(facts, path: .acs)
    }
}
