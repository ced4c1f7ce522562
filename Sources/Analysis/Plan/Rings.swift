import AuthShiftCore
import Ingest

/// The migration guide's cutover rings, in order.
///
/// Source: migration guide, "Cutover Plan" table: Discovery, Pilot, Internal high volume,
/// External applications, PowerShell automation, Enforcement, each with its exit criteria.
public enum Ring: String, Sendable, Codable, CaseIterable {
    case discovery, pilot
    case internalHighVolume = "internal-high-volume"
    case externalApplications = "external-applications"
    case powershellAutomation = "powershell-automation"
    case enforcement

    public var title: String {
        switch self {
        case .discovery: return "Discovery"
        case .pilot: return "Pilot"
        case .internalHighVolume: return "Internal high volume"
        case .externalApplications: return "External applications"
        case .powershellAutomation: return "PowerShell automation"
        case .enforcement: return "Enforcement"
        }
    }

    public var exitCriteria: String {
        switch self {
        case .discovery: return "Every observed sender has an owner or retirement decision"
        case .pilot: return "Replacement sends successfully and logs are understood"
        case .internalHighVolume: return "HVE or equivalent path is tested with internal recipients"
        case .externalApplications: return "ACS Email or another approved service is tested with domain and delivery controls"
        case .powershellAutomation: return "No job uses stored user credentials or old Basic remote PowerShell"
        case .enforcement: return "Exceptions have expiry and monitoring"
        }
    }

    /// The ring a sender belongs to by rule (an inventory `ring` column overrides it).
    public static func assign(_ s: SenderRow) -> Ring {
        if (s.owner ?? "").isEmpty && s.recommendation.path != .retire { return .discovery }
        switch s.recommendation.path {
        case .hve: return .internalHighVolume
        case .acs: return .externalApplications
        default: return .pilot
        }
    }

    /// Parses an inventory `ring` value (title or ID, any case).
    public init?(inventory text: String) {
        let t = text.lowercased().replacingOccurrences(of: " ", with: "-")
        guard
            let ring = Ring.allCases.first(where: {
                $0.rawValue == t || $0.title.lowercased().replacingOccurrences(of: " ", with: "-") == t
            })
        else { return nil }
        self = ring
    }
}

/// A ring's members and whether its exit criteria hold, with what blocks them.
public struct RingStatus: Sendable, Codable, Equatable {
    public var ring: String
    public var title: String
    public var exitCriteria: String
    public var members: [String]
    public var ready: Bool
    public var blockers: [String]
}
