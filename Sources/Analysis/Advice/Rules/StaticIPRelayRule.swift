import AuthShiftCore

/// A system with a static public IP: relay through an Exchange Online inbound connector.
/// Source: migration guide, "On-premises application with static public IP or certificate
/// → SMTP relay through Exchange Online connector; watch: port 25, connector hygiene, SPF,
/// retry handling, blocklist risk"; Microsoft, "How to set up a multifunction device or
/// application to send email" (option 3).
public enum StaticIPRelayRule: AdviceRule {
    public static let id = "relay-static-ip"
    public static let path = MigrationPath.relayConnector
    public static let source = References.migrationOptions + "; " + References.multifunctionDevices
    public static let watchPoints = [
        "Port 25, connector hygiene, SPF, retry handling, blocklist risk.",
        "Not for third-party hosted services whose source IP is not dedicated to you.",
    ]
    public static let triggeringExamples = [SenderFacts.example { $0.staticIP = "yes" }]
    public static let nonTriggeringExamples = [SenderFacts.example { $0.staticIP = "no" }, SenderFacts.example()]

    public static func applies(to f: SenderFacts) -> [String]? {
        guard f.staticIP == "yes" else { return nil }
        var why = ["The inventory says it sends from a static public IP address (static_ip = yes)."]
        if f.recipients == .external || f.recipients == .mixed { why.append("A connector can relay to external recipients.") }
        return why
    }
}
