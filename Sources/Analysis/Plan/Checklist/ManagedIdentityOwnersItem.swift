import AuthShiftCore

/// 14. Managed identity ownership, which no export shows.
public enum ManagedIdentityOwnersItem: ProcessChecklistItem {
    public static let number = 14
    public static let title = "Managed identities have documented role assignments and owners"
    public static let decidedBy = "your Azure role assignments"
}
