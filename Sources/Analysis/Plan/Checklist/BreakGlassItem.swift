import AuthShiftCore

/// 16. Break-glass access testing, which no export shows.
public enum BreakGlassItem: ProcessChecklistItem {
    public static let number = 16
    public static let title = "Break-glass admin access is tested and separate from routine automation"
    public static let decidedBy = "your break-glass test records"
}
