import AuthShiftCore

/// 5. A purchasing rule for devices, which no export shows.
public enum DevicePurchasingItem: ProcessChecklistItem {
    public static let number = 5
    public static let title = "New printers and scanners must support OAuth, HVE, direct send or an approved relay before purchase"
    public static let decidedBy = "your purchasing policy"
}
