import AuthShiftCore

/// 7. Internal high volume application mail has an HVE decision: every sender pointed to HVE has a firm decision (owner and facts
/// recorded), not a provisional one.
public enum HVEDecisionItem: ChecklistItem {
    public static let number = 7
    public static let title = "Internal high volume application mail has an HVE decision"
    public static let required = false
    public static var examples: [ChecklistExample] {
        [ChecklistExample(.pass, .example())]
    }

    public static func check(_ facts: ChecklistFacts) -> ChecklistOutcome {
        PreventionChecklist.decisionOutcome(facts, path: .hve)
    }
}
