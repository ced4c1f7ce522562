import AuthShiftCore
import Ingest

/// 1. Tenant-level SMTP AUTH is disabled unless there is a documented reason (Get-TransportConfig
/// SmtpClientAuthenticationDisabled; CISA SCuBA MS.EXO.5.1v1, CIS 6.5.4).
public enum TenantSMTPAuthDisabledItem: ChecklistItem {
    public static let number = 1
    public static let title = "Tenant-level SMTP AUTH is disabled"
    public static let controls = ["MS.EXO.5.1v1", "CIS 6.5.4"]
    public static let required = true
    public static var examples: [ChecklistExample] {
        [
            ChecklistExample(.pass, .example { $0.register.tenant.smtpClientAuthenticationDisabled = .value(true) }),
            ChecklistExample(.fail, .example { $0.register.tenant.smtpClientAuthenticationDisabled = .value(false) }),
            ChecklistExample(.fail, .example { $0.register.tenant.smtpClientAuthenticationDisabled = .null }),
            ChecklistExample(.unknown, .example()),
        ]
    }

    public static func check(_ facts: ChecklistFacts) -> ChecklistOutcome {
        switch facts.register.tenant.smtpClientAuthenticationDisabled {
        case .value(true)?: return ChecklistOutcome(.pass, "Get-TransportConfig SmtpClientAuthenticationDisabled = True")
        case nil: return ChecklistOutcome(.unknown, "no Get-TransportConfig export", decidedBy: ExportKind.transportConfig.title)
        case let value?: return ChecklistOutcome(.fail, "Get-TransportConfig SmtpClientAuthenticationDisabled = \(value.display)")
        }
    }
}
