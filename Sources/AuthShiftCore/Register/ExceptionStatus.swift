/// Where one Basic SMTP exception stands on the register's day. The raw values are what
/// register.json and the exception checks have always written.
public enum ExceptionStatus: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Complete, and expires after the warning window.
    case valid
    /// Complete, and expires within the warning window: still holds.
    case expiring
    /// Its expiry date has passed.
    case expired
    /// An owner, system, replacement, ticket or expiry date is missing.
    case incomplete

    /// Whether the exception holds today (complete and not expired; expiring soon still holds).
    public var holds: Bool { self == .valid || self == .expiring }

    public var description: String { rawValue }
}
