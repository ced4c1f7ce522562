/// The person behind a request. In loopback mode the one person is an editor named after the
/// OS user; in team mode the sign-in (a `TeamSignIn`) names the person and their role.
public struct DashboardUser: Sendable, Equatable, Codable {
    /// What a signed-in person may do. Checked on the server for every write route.
    public enum Role: String, Sendable, Codable {
        /// Reads everything, changes nothing.
        case viewer
        /// Reads and edits senders.
        case editor
    }

    public var name: String
    public var role: Role

    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }

    public var mayEdit: Bool { role == .editor }
}
