import NIOCore

/// An IPv4 or IPv6 network (`10.0.0.0/8`, `192.168.1.50`, `::1/128`) for listener allow-lists,
/// held as a range of `IPAddress`es: an IPv4 network and its IPv4-mapped IPv6 spelling
/// (`::ffff:10.0.0.0/104`) are the same range, and `::ffff:0.0.0.0/96` is all of IPv4.
public struct CIDR: Sendable, Equatable, CustomStringConvertible {
    /// The lowest and highest address of the network.
    public let first: IPAddress
    public let last: IPAddress
    /// The network as written in the configuration.
    public let description: String

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, let address = IPAddress(first) else { return nil }
        let isV4Text = !first.contains(":")
        let bits = isV4Text ? 32 : 128
        var prefix = bits
        if parts.count == 2 {
            guard let written = Int(parts[1]), parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber), (0...bits).contains(written)
            else { return nil }
            prefix = written
        }
        let prefix128 = isV4Text ? prefix + 96 : prefix
        self.first = address.masked(prefix128)
        last = address.filled(prefix128)
        description = text
    }

    public func contains(_ address: IPAddress) -> Bool {
        first <= address && address <= last
    }

    public func contains(_ address: SocketAddress) -> Bool {
        guard let ip = IPAddress(address) else { return false }
        return contains(ip)
    }

    /// Whether every address of `other` is in this network.
    public func covers(_ other: CIDR) -> Bool {
        first <= other.first && other.last <= last
    }
}
