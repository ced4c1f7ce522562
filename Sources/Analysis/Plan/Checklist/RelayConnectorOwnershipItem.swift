import AuthShiftCore
import Ingest

/// 10. SMTP relay connectors have static IP or certificate ownership documented: every
/// on-premises inbound connector names its sender IP addresses or a TLS certificate.
public enum RelayConnectorOwnershipItem: ChecklistItem {
    public static let number = 10
    public static let title = "SMTP relay connectors have static IP or certificate ownership documented"
    public static let required = true
    /// The failing case (an on-premises connector naming neither) is in the Planner's tests, built
    /// from a parsed connector.
    public static var examples: [ChecklistExample] {
        [
            ChecklistExample(.unknown, .example()),
            ChecklistExample(.pass, .example { $0.snapshot.filesByKind[.inboundConnector] = ["ic.json"] }),
        ]
    }

    public static func check(_ facts: ChecklistFacts) -> ChecklistOutcome {
        guard facts.snapshot.has(.inboundConnector) else {
            return ChecklistOutcome(.unknown, "no Get-InboundConnector export", decidedBy: ExportKind.inboundConnector.title)
        }
        let connectors = facts.snapshot.inboundConnectors
        let vague = connectors.filter {
            $0.connectorType == "OnPremises" && ($0.senderIPAddresses ?? []).isEmpty && ($0.tlsSenderCertificateName ?? "").isEmpty
        }
        let evidence = connectors.map {
            "\($0.name): \(($0.senderIPAddresses ?? []).joined(separator: " "))\($0.tlsSenderCertificateName.map { " cert \($0)" } ?? "")"
        }
        return vague.isEmpty
            ? ChecklistOutcome(.pass, "every on-premises connector names its IP addresses or certificate", evidence: evidence)
            : ChecklistOutcome(
                .fail, "\(vague.count) on-premises connector(s) name neither IP addresses nor a certificate", evidence: evidence)
    }
}
