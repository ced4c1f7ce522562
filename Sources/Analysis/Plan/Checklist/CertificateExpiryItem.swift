import AuthShiftCore

/// 13. Certificate expiry monitoring, which no export shows.
public enum CertificateExpiryItem: ProcessChecklistItem {
    public static let number = 13
    public static let title = "App-only Exchange Online PowerShell certificates have expiry monitoring"
    public static let decidedBy = "your certificate inventory"
}
