import AuthShiftCore

/// A low-volume device that mails only internal recipients: direct send.
/// Source: migration guide, "Internal-only device alerts → Direct send; watch: cannot relay
/// to external recipients through Microsoft 365"; its caveat that direct send needs SPF and
/// hygiene review. It conflicts with CIS 6.5.5 (RejectDirectSend), which this tool flags.
public enum InternalDeviceDirectSendRule: AdviceRule {
    public static let id = "direct-send-internal-device"
    public static let path = MigrationPath.directSend
    public static let source = References.migrationOptions + "; " + References.multifunctionDevices
    public static let watchPoints = [
        "Cannot relay to external recipients through Microsoft 365.",
        "Needs SPF and mail hygiene review; sends to the MX endpoint on port 25 without authentication.",
        "Conflicts with CIS 6.5.5 (Set-OrganizationConfig -RejectDirectSend $true): choose one.",
    ]
    public static let triggeringExamples = [
        SenderFacts.example {
            $0.recipients = .internal
            $0.volume = .low
            $0.workload = "other"
        }
    ]
    public static let nonTriggeringExamples = [
        SenderFacts.example {
            $0.recipients = .mixed
            $0.volume = .low
            $0.workload = "printer"
        },
        SenderFacts.example {
            $0.recipients = .internal
            $0.volume = .low
            $0.workload = "application"
        },
    ]

    public static func applies(to f: SenderFacts) -> [String]? {
        guard f.recipients == .internal, f.volume == .low || f.volume == .unknown, f.isDevice || f.workload == "monitoring" else {
            return nil
        }
        return ["All recipients in the message trace are internal.", "It is a low-volume \(f.workload!) device."]
    }
}
