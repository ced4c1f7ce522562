import AuthShiftCore

/// 11. Old New-PSSession Exchange Online Basic examples are removed from script templates: scripts
/// are not exports, so `authshift scan` decides it.
public enum PSSessionTemplatesItem: ChecklistItem {
    public static let number = 11
    public static let title = "Old New-PSSession Exchange Online Basic examples are removed from script templates"
    public static let required = false
    public static var examples: [ChecklistExample] { [ChecklistExample(.unknown, .example())] }

    public static func check(_ facts: ChecklistFacts) -> ChecklistOutcome {
        ChecklistOutcome(.unknown, "scripts are not among the exports", decidedBy: "authshift scan over your script repositories")
    }
}
