import AuthShiftCore

/// One change to a sender's workspace fields: a person's edit, an inventory import, or an
/// automatic lifecycle transition. Rows are only ever added.
public struct AuditEntry: Sendable, Codable, Equatable {
    public enum Origin: String, Sendable, Codable {
        /// `workspace set` (or the dashboard's form).
        case edit
        /// `workspace import-inventory`.
        case inventory
        /// A lifecycle rule applied to a run's evidence.
        case automatic
        /// First sighting of the sender in a run (owner and cutover date from the inventory).
        case discovery
    }

    public var id: Int64
    public var tenant: String
    public var sender: String
    public var system: String
    public var at: Timestamp
    /// The person (`--by`, the OS user, the signed-in user) or `authshift` for automatic changes.
    public var by: String
    public var origin: Origin
    public var field: SenderField
    public var oldValue: String?
    public var newValue: String?
    /// The run whose evidence caused an automatic change.
    public var runId: Int64?
    public var reason: String?
}

/// The workspace fields people (and the lifecycle rules, for `state`) change.
public enum SenderField: String, Sendable, Codable, CaseIterable {
    case owner, path
    case cutoverDate = "cutover_date"
    case ticket, note, state
}
