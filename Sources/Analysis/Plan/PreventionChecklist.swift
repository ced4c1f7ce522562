import AuthShiftCore
import Ingest

/// The migration guide's prevention checklist (sixteen items), each decided from the
/// exports where they can decide it, with evidence, or `unknown` with what would decide it.
/// Each item is its own type with examples (`ChecklistItem`), run by the tests as the advice
/// rules' are.
///
/// Source: migration guide, "Prevention Checklist". Baseline mappings: CISA SCuBA
/// MS.EXO.5.1v1 (SMTP AUTH disabled) and MS.AAD.1.1v1 (legacy authentication blocked);
/// CIS Microsoft 365 Foundations 6.5.4 (SMTP AUTH disabled), 6.5.5 (Direct Send rejected),
/// 5.2.2.3 (Conditional Access blocks legacy authentication).
public struct PreventionChecklist {
    public static let source = "Exchange Online SMTP AUTH Basic Authentication 2026 Migration Planning, 'Prevention Checklist'"

    /// The items in the guide's order, one type per item (Plan/Checklist/), each with its examples.
    public static let items: [any ChecklistItem.Type] = [
        TenantSMTPAuthDisabledItem.self, MailboxExceptionsItem.self, SMTPAuthClientsReportItem.self, SignInLogsReviewedItem.self,
        DevicePurchasingItem.self, AppOnboardingItem.self, HVEDecisionItem.self, ACSDecisionItem.self, DirectSendInternalItem.self,
        RelayConnectorOwnershipItem.self, PSSessionTemplatesItem.self, UnattendedCredentialJobsItem.self, CertificateExpiryItem.self,
        ManagedIdentityOwnersItem.self, LegacyAuthBlockedItem.self, BreakGlassItem.self,
    ]

    let facts: ChecklistFacts

    public init(snapshot: TenantSnapshot, register: Register, exceptionResults: [CheckResult]) {
        facts = ChecklistFacts(snapshot: snapshot, register: register, exceptionResults: exceptionResults)
    }

    public func run() -> [CheckResult] {
        Self.items.map { $0.result(facts) }
    }

    /// Items 7 and 8: every sender the advice points to `path` has a firm decision, not a provisional one.
    static func decisionOutcome(_ facts: ChecklistFacts, path: MigrationPath) -> ChecklistOutcome {
        let senders = facts.register.senders
        let undecided = senders.filter { $0.recommendation.path == path && $0.recommendation.confidence == .provisional }
        let onBasic = senders.filter { $0.recommendation.path == path && ($0.currentAuth == .basic || $0.currentAuth == .mixed) }
        let evidence = (undecided.isEmpty ? onBasic : undecided).map { "\($0.sender) (\($0.system))" }
        return undecided.isEmpty
            ? ChecklistOutcome(
                .pass, "\(onBasic.count) sender(s) have a firm \(path.rawValue) decision (owner and facts recorded)", evidence: evidence)
            : ChecklistOutcome(
                .fail, "\(undecided.count) sender(s) point to \(path.rawValue) only provisionally: complete the inventory",
                evidence: evidence)
    }
}
