import AuthShiftCore
import Ingest

/// Everything observed about one sender address, gathered from every export before rows
/// are cut per system.
struct SenderEvidence {
    var address: String
    var report: SmtpAuthClientEntry?
    /// Authenticated SMTP sign-in groups, by source IP.
    var signInsByIP: [String: [SignInSummary.Group]] = [:]
    var usage: EmailAppUsageEntry?
    var inventory: [InventoryEntry] = []

    /// Basic or OAuth as the SMTP AUTH clients report states it (docs/exports.md#smtp-auth-clients-report: values
    /// unconfirmed, so matched loosely: anything naming Basic, anything naming OAuth/Modern).
    var reportProtocol: SenderRow.CurrentAuth? {
        guard let text = report?.authenticationProtocol?.lowercased(), !text.isEmpty else { return nil }
        let basic = text.contains("basic")
        let oauth = text.contains("oauth") || text.contains("modern")
        switch (basic, oauth) {
        case (true, true): return .mixed
        case (true, false): return .basic
        case (false, true): return .oauth
        default: return nil
        }
    }
}
