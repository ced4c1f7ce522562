/// The addresses a listener may open to without the operator saying, loudly, that it may reach
/// further: loopback, the private networks, shared address space, link-local and unique local
/// addresses. Anything outside is public, and a listener whose `allow` or `relayWithoutAuth`
/// reaches it is refused by the configuration check (issue 11: split ranges like
/// `[0.0.0.0/1, 128.0.0.0/1]` covered the whole Internet without a `/0`).
public enum PrivateAddressSpace {
    /// Each range with the public source that makes it private.
    public static let ranges: [(range: CIDR, source: String)] = [
        ("127.0.0.0/8", "IPv4 loopback, RFC 1122 section 3.2.1.3"),
        ("10.0.0.0/8", "private, RFC 1918"),
        ("172.16.0.0/12", "private, RFC 1918"),
        ("192.168.0.0/16", "private, RFC 1918"),
        ("100.64.0.0/10", "shared address space, RFC 6598"),
        ("169.254.0.0/16", "IPv4 link-local, RFC 3927"),
        ("::1/128", "IPv6 loopback, RFC 4291 section 2.5.3"),
        ("fe80::/10", "IPv6 link-local, RFC 4291 section 2.5.6"),
        ("fc00::/7", "unique local, RFC 4193"),
    ].map { (CIDR($0.0)!, $0.1) }

    /// Loopback only: where a listener without an allow list accepts clients from.
    public static let loopback: [CIDR] = [CIDR("127.0.0.0/8")!, CIDR("::1/128")!]

    private static let intervals = AddressIntervals(ranges.map(\.range))

    public static func contains(_ address: IPAddress) -> Bool {
        intervals.contains(address)
    }

    public static func isLoopback(_ address: IPAddress) -> Bool {
        loopback.contains { $0.contains(address) }
    }

    /// The lowest public address in `range`, or nil when all of it is private.
    public static func firstPublicAddress(in range: CIDR) -> IPAddress? {
        intervals.firstAddressNotCovered(in: range)
    }

    /// The public space that stands for "the whole Internet": all of IPv4 and IPv6's global
    /// unicast (RFC 4291 section 2.4).
    public static let internet: [CIDR] = [CIDR("0.0.0.0/0")!, CIDR("2000::/3")!]

    /// Whether these networks, with the private space, cover all of IPv4 or all of IPv6's
    /// global unicast: then no override makes them acceptable.
    public static func coversTheInternet(_ networks: [CIDR]) -> Bool {
        let union = AddressIntervals(ranges.map(\.range) + networks)
        return internet.contains { union.firstAddressNotCovered(in: $0) == nil }
    }
}

/// A union of networks as sorted, merged intervals of addresses.
struct AddressIntervals {
    private var intervals: [(first: IPAddress, last: IPAddress)] = []

    init(_ networks: [CIDR]) {
        for range in networks.sorted(by: { $0.first < $1.first }) {
            if let previous = intervals.last, previous.last.successor.map({ range.first <= $0 }) ?? true {
                intervals[intervals.count - 1].last = max(previous.last, range.last)
            } else {
                intervals.append((range.first, range.last))
            }
        }
    }

    func contains(_ address: IPAddress) -> Bool {
        intervals.contains { $0.first <= address && address <= $0.last }
    }

    /// The lowest address of `range` outside the union, or nil when the union covers it.
    func firstAddressNotCovered(in range: CIDR) -> IPAddress? {
        var candidate = range.first
        for interval in intervals where interval.last >= candidate {
            if interval.first > candidate { break }
            guard let next = interval.last.successor else { return nil }
            candidate = next
        }
        return candidate <= range.last ? candidate : nil
    }
}
