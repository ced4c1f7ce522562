/// Whether a host name or address is this machine's loopback (`localhost`, 127.0.0.0/8, ::1):
/// the one place that decides where plain http is allowed, which clients a listener without an
/// allow list accepts, and which bind addresses are private.
public enum Loopback {
    public static func contains(_ host: String) -> Bool {
        var h = host.lowercased()
        if h.hasPrefix("[") && h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        // IPv4-mapped IPv6 (RFC 4291 section 2.5.5.2) is the IPv4 address: ::ffff:127.0.0.2 is loopback.
        if h.hasPrefix("::ffff:") { h = String(h.dropFirst(7)) }
        if h == "localhost" || h == "::1" { return true }
        // 127.0.0.0/8 written as an address, not a host name that merely starts with "127.".
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { p in (1...3).contains(p.count) && p.allSatisfy { $0.isASCII && $0.isNumber } && Int(p)! <= 255 }
    }
}
