import NIOCore

/// An IP address in one 128-bit space: IPv6 as it is, IPv4 as its IPv4-mapped IPv6 form
/// (`::ffff:a.b.c.d`, RFC 4291 §2.5.5.2). A client of a listener bound to `"::"` arrives as
/// `::ffff:127.0.0.2`; here that is the same address as `127.0.0.2`, so allow-lists, the
/// loopback and private-space checks, per-source limits and logs treat both spellings alike.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let high: UInt64
    public let low: UInt64

    public static let lowest = IPAddress(high: 0, low: 0)
    public static let highest = IPAddress(high: .max, low: .max)

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// `192.168.1.5`, `::ffff:192.168.1.5`, `2001:db8::1`; nil for anything else.
    public init?(_ text: String) {
        guard let address = try? SocketAddress(ipAddress: text, port: 0) else { return nil }
        self.init(address)
    }

    public init?(_ address: SocketAddress) {
        switch address {
        case .v4(let v4):
            let bytes = withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
            self.init(high: 0, low: 0xFFFF_0000_0000 | bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            self.init(
                high: bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }, low: bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            )
        default:
            return nil
        }
    }

    /// An IPv4 address (or its IPv4-mapped IPv6 spelling).
    public var isIPv4: Bool { high == 0 && low >> 32 == 0xFFFF }

    /// The address with all but the first `prefix` of its 128 bits cleared.
    func masked(_ prefix: Int) -> IPAddress {
        IPAddress(high: high & Self.mask(prefix), low: low & Self.mask(prefix - 64))
    }

    /// The address with all but the first `prefix` bits set.
    func filled(_ prefix: Int) -> IPAddress {
        IPAddress(high: high | ~Self.mask(prefix), low: low | ~Self.mask(prefix - 64))
    }

    /// The next address, or nil after the last one.
    var successor: IPAddress? {
        if low != .max { return IPAddress(high: high, low: low + 1) }
        if high != .max { return IPAddress(high: high + 1, low: 0) }
        return nil
    }

    /// A mask of the first `bits` bits of a 64-bit half.
    private static func mask(_ bits: Int) -> UInt64 {
        bits <= 0 ? 0 : bits >= 64 ? .max : ~(UInt64.max >> UInt64(bits))
    }

    public static func < (a: IPAddress, b: IPAddress) -> Bool {
        (a.high, a.low) < (b.high, b.low)
    }

    /// IPv4 dotted; IPv6 in RFC 5952's form (lower case, the longest run of zero groups as `::`).
    public var description: String {
        if isIPv4 {
            let octets: [UInt64] = [24, 16, 8, 0].map { shift in (low >> shift) & 0xFF }
            return octets.map(String.init).joined(separator: ".")
        }
        var groups: [Int] = []
        for i in 0..<8 {
            let half: UInt64 = i < 4 ? high : low
            let shift = UInt64(48 - 16 * (i % 4))
            groups.append(Int((half >> shift) & 0xFFFF))
        }
        var best = (start: -1, length: 1)
        var i = 0
        while i < 8 {
            var j = i
            while j < 8 && groups[j] == 0 { j += 1 }
            if j - i > best.length { best = (i, j - i) }
            i = j + 1
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.start >= 0 else { return hex.joined(separator: ":") }
        return hex[..<best.start].joined(separator: ":") + "::" + hex[(best.start + best.length)...].joined(separator: ":")
    }
}
