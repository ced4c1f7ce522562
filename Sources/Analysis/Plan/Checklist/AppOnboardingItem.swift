import AuthShiftCore

/// 6. An onboarding rule for applications, which no export shows.
public enum AppOnboardingItem: ProcessChecklistItem {
    public static let number = 6
    public static let title = "New applications may not request a Microsoft 365 mailbox password for sending mail"
    public static let decidedBy = "your application onboarding policy"
}
