import AuthShiftCore

/// Internal-only mail at medium or high volume, or monitoring alerts: High Volume Email.
/// Source: migration guide, "Internal high volume notifications → High Volume Email for
/// Microsoft 365; watch: internal recipients only in current GA guidance"; Microsoft,
/// "Manage High Volume Email for Microsoft 365".
public enum InternalHighVolumeRule: AdviceRule {
    public static let id = "hve-internal"
    public static let path = MigrationPath.hve
    public static let source = References.migrationOptions + "; " + References.highVolumeEmail
    public static let watchPoints = [
        "Internal recipients only in current GA guidance.",
        "Uses a dedicated HVE account and endpoint (smtp.hve.mx.microsoft:587); test the exact account and method.",
    ]
    public static let triggeringExamples = [
        SenderFacts.example {
            $0.recipients = .internal
            $0.volume = .high
        },
        SenderFacts.example {
            $0.recipients = .internal
            $0.workload = "monitoring"
            $0.volume = .low
        },
    ]
    public static let nonTriggeringExamples = [
        SenderFacts.example {
            $0.recipients = .mixed
            $0.volume = .high
        },
        SenderFacts.example {
            $0.recipients = .internal
            $0.volume = .low
            $0.workload = "printer"
        },
    ]

    public static func applies(to f: SenderFacts) -> [String]? {
        guard f.recipients == .internal else { return nil }
        if f.volume == .high || f.volume == .medium {
            return ["All recipients in the message trace are internal (accepted domains).", "Volume is \(f.volume.rawValue)."]
        }
        if f.workload == "monitoring" {
            return [
                "All recipients in the message trace are internal (accepted domains).", "It is a monitoring system (operational alerts).",
            ]
        }
        return nil
    }
}
