/// Where a sender should move, from the migration guide's migration options table.
public enum MigrationPath: String, Sendable, Codable, CaseIterable, Comparable {
    /// SMTP AUTH with OAuth (SASL XOAUTH2).
    case oauth
    /// High Volume Email for Microsoft 365 (internal recipients only).
    case hve
    /// Azure Communication Services Email (external application mail).
    case acs
    /// Exchange Online inbound connector, static IP or certificate, port 25.
    case relayConnector = "relay-connector"
    /// Direct send to the MX endpoint, internal recipients only, no authentication.
    case directSend = "direct-send"
    /// An on-premises relay that accepts the device's password and sends upstream with OAuth.
    case localBridge = "local-bridge"
    /// No owner and no recent use: switch it off.
    case retire

    public static func < (a: MigrationPath, b: MigrationPath) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var title: String {
        switch self {
        case .oauth: return "SMTP AUTH with OAuth (XOAUTH2)"
        case .hve: return "High Volume Email"
        case .acs: return "Azure Communication Services Email"
        case .relayConnector: return "Relay through an inbound connector"
        case .directSend: return "Direct send"
        case .localBridge: return "Local bridge (on-premises relay, OAuth upstream)"
        case .retire: return "Retire"
        }
    }
}

/// A recommendation with the facts that chose it and what to watch.
public struct Recommendation: Sendable, Equatable, Codable {
    public var path: MigrationPath
    /// The rule that chose the path (stable ID).
    public var rule: String
    /// `firm` when the facts it needs are known; `provisional` when it rests on defaults
    /// until the inventory is filled in.
    public var confidence: Confidence
    public var why: [String]
    public var watchPoints: [String]
    /// True when the sender is already on the recommended path.
    public var nothingToDo: Bool
    /// Where the rule comes from.
    public var source: String

    public enum Confidence: String, Sendable, Codable { case firm, provisional }

    public init(
        path: MigrationPath, rule: String, confidence: Confidence, why: [String], watchPoints: [String],
        nothingToDo: Bool = false, source: String
    ) {
        self.path = path
        self.rule = rule
        self.confidence = confidence
        self.why = why
        self.watchPoints = watchPoints
        self.nothingToDo = nothingToDo
        self.source = source
    }
}
