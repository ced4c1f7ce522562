// libFuzzer target: the bridge's YAML configuration, built and run by Fuzz/run.sh (not part of
// SwiftPM).
//
// The input is a configuration file's text, read as `bridge run` and `bridge check-config` read
// it (BridgeConfiguration.parse). It must never crash or trap, whatever the YAML.
//
// With AUTHSHIFT_FUZZ_OPEN_RELAY=1 it also checks that check-config never accepts an open relay:
// no listener of an accepted configuration may list a public address in relayWithoutAuth (relay
// without a password) or allow (connect at all). Not public: the blocks RFC 6890's registries
// mark not globally reachable that a device can sit in: 0.0.0.0/8, 10.0.0.0/8 (RFC 1918),
// 100.64.0.0/10 (RFC 6598), 127.0.0.0/8, 169.254.0.0/16 (RFC 3927), 172.16.0.0/12 and
// 192.168.0.0/16 (RFC 1918); ::/128, ::1/128, fc00::/7 (RFC 4193), fe80::/10 (RFC 4291), and
// IPv4-mapped addresses (::ffff:0:0/96) as their IPv4 address. A listener that sets the loudly
// named override `unsafeAllowPublicSources` is the operator's explicit choice and is skipped.
// The networks are parsed here with inet_pton, independently of the bridge's own CIDR type.
#if canImport(Glibc)
import Glibc
#endif
import Bridge

struct Network {
    var bytes: [UInt8]
    var prefix: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, parts[0], &v4) == 1 {
            bytes = withUnsafeBytes(of: v4) { Array($0) }
        } else if inet_pton(AF_INET6, parts[0], &v6) == 1 {
            bytes = withUnsafeBytes(of: v6) { Array($0) }
        } else {
            return nil
        }
        guard let p = parts.count == 2 ? Int(parts[1]) : bytes.count * 8, (0...bytes.count * 8).contains(p) else { return nil }
        prefix = p
        // An IPv4-mapped IPv6 network inside ::ffff:0:0/96 is that IPv4 network.
        if bytes.count == 16, prefix >= 96, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            bytes = Array(bytes[12...])
            prefix -= 96
        }
    }

    /// Whether every address of `self` lies inside `block`.
    func isInside(_ block: Network) -> Bool {
        guard bytes.count == block.bytes.count, prefix >= block.prefix else { return false }
        var remaining = block.prefix
        for i in 0..<bytes.count where remaining > 0 {
            let take = min(8, remaining)
            let mask: UInt8 = take == 8 ? 0xFF : ~(0xFF >> UInt8(take))
            if bytes[i] & mask != block.bytes[i] & mask { return false }
            remaining -= take
        }
        return true
    }
}

let notPublic = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16",
                 "::/128", "::1/128", "fc00::/7", "fe80::/10"].map { Network($0)! }
let checkOpenRelay = environmentFlag("AUTHSHIFT_FUZZ_OPEN_RELAY")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let configuration = try? BridgeConfiguration.parse(text, file: "fuzz.yaml"), checkOpenRelay else { return 0 }
    // The one loudly named override (`unsafeAllowPublicSources`) is the operator's explicit choice.
    for listener in configuration.listeners where !listener.unsafeAllowPublicSources {
        for (setting, networks) in [("relayWithoutAuth", listener.relayWithoutAuth), ("allow", listener.allow)] {
            for cidr in networks {
                guard let network = Network(cidr.description) else {
                    require(false, "listener \(listener.name): \(setting) holds '\(cidr)', which is not an address or network")
                    continue
                }
                require(notPublic.contains { network.isInside($0) },
                        "check-config accepted an open relay: listener \(listener.name) has \(cidr) (public addresses) in \(setting)")
            }
        }
    }
    return 0
}
