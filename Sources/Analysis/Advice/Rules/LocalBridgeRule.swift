import AuthShiftCore

/// A device that only knows a password, with external recipients and no static IP: an
/// on-premises relay that accepts its password and sends upstream with OAuth
/// (`authshift bridge`).
/// Source: migration guide, "Where a device cannot support OAuth: ... Consider an
/// on-premises supported mail relay for local devices".
public enum LocalBridgeRule: AdviceRule {
    public static let id = "local-bridge-device"
    public static let path = MigrationPath.localBridge
    public static let source = References.migrationOptions
    public static let watchPoints = [
        "The device's password then lives only on the relay host; run it on a managed server.",
        "The relay sends upstream with OAuth (SMTP.SendAsApp) or Graph; size it for the device's volume.",
        "Check for a firmware update with OAuth support first.",
    ]
    public static let triggeringExamples = [
        SenderFacts.example {
            $0.workload = "scanner"
            $0.oauthCapable = "no"
            $0.staticIP = "no"
            $0.recipients = .mixed
        }
    ]
    public static let nonTriggeringExamples = [
        SenderFacts.example {
            $0.workload = "application"
            $0.oauthCapable = "no"
        },
        SenderFacts.example {
            $0.workload = "printer"
            $0.oauthCapable = "yes"
        },
    ]

    public static func applies(to f: SenderFacts) -> [String]? {
        guard f.isDevice, f.oauthCapable != "yes" else { return nil }
        var why = [
            "It is a \(f.workload!) that can only authenticate with a password"
                + (f.oauthCapable == "no" ? " (oauth_capable = no)." : " (OAuth support not recorded).")
        ]
        switch f.recipients {
        case .external, .mixed: why.append("It sends to external recipients, which rules out direct send and HVE.")
        case .unknown: why.append("Its recipients are unknown (no message trace for it).")
        case .internal: why.append("Its recipients are internal.")
        }
        if f.staticIP != "yes" { why.append("No static public IP is recorded, which rules out a relay connector.") }
        return why
    }

    public static func confidence(for f: SenderFacts) -> Recommendation.Confidence { f.oauthCapable == "no" ? .firm : .provisional }
}
