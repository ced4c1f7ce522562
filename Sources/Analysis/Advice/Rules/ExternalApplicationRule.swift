import AuthShiftCore

/// An application that mails external recipients and cannot do OAuth: Azure Communication
/// Services Email.
/// Source: migration guide, "External transactional email from an application → Azure
/// Communication Services Email; watch: separate Azure service, domain setup, identity,
/// cost, and deliverability planning".
public enum ExternalApplicationRule: AdviceRule {
    public static let id = "acs-external-application"
    public static let path = MigrationPath.acs
    public static let source = References.migrationOptions + "; " + References.azureCommunicationServices
    public static let watchPoints = ["Separate Azure service, domain setup, identity, cost, and deliverability planning."]
    public static let triggeringExamples = [
        SenderFacts.example {
            $0.recipients = .external
            $0.workload = "application"
        },
        SenderFacts.example {
            $0.recipients = .mixed
            $0.workload = "script"
        },
    ]
    public static let nonTriggeringExamples = [
        SenderFacts.example {
            $0.recipients = .external
            $0.workload = "printer"
        },
        SenderFacts.example {
            $0.recipients = .internal
            $0.workload = "application"
        },
    ]

    public static func applies(to f: SenderFacts) -> [String]? {
        guard f.isApplication, f.recipients == .external || f.recipients == .mixed else { return nil }
        return [
            "It is an \(f.workload!) that sends to external recipients (message trace).",
            f.oauthCapable == "no" ? "The inventory says it cannot do OAuth." : "OAuth support is not recorded.",
        ]
    }

    public static func confidence(for f: SenderFacts) -> Recommendation.Confidence { f.oauthCapable == "no" ? .firm : .provisional }
}
