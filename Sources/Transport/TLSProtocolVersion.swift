import NIOSSL

/// A TLS protocol version as admins write it ("1.0" … "1.3"), the one parser for the probe's
/// `--tls-min`/`--tls-max` and the bridge's `minimumTLSVersion`. An unknown name is an error:
/// falling back to a default would silently accept TLS 1.0 where the admin asked for something else.
public enum TLSProtocolVersion: String, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    case v10 = "1.0"
    case v11 = "1.1"
    case v12 = "1.2"
    case v13 = "1.3"

    /// A name that is not one of "1.0", "1.1", "1.2", "1.3".
    public struct UnknownName: Error, Equatable, CustomStringConvertible {
        public let name: String
        public init(name: String) { self.name = name }
        public var description: String {
            "'\(name)' is not a TLS version: use one of \(TLSProtocolVersion.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }

    public init(parsing name: String) throws(UnknownName) {
        guard let version = TLSProtocolVersion(rawValue: name) else { throw UnknownName(name: name) }
        self = version
    }

    /// The version from NIOSSL's type; nil for versions authshift does not name (none today).
    public init?(_ version: TLSVersion) {
        guard let match = Self.allCases.first(where: { $0.nio == version }) else { return nil }
        self = match
    }

    /// The same version as NIOSSL spells it.
    public var nio: TLSVersion {
        switch self {
        case .v10: return .tlsv1
        case .v11: return .tlsv11
        case .v12: return .tlsv12
        case .v13: return .tlsv13
        }
    }

    public var description: String { rawValue }

    public static func < (lhs: TLSProtocolVersion, rhs: TLSProtocolVersion) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
