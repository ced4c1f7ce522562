import AuthShiftCore
import Foundation
import NIOCore
import Testing

@testable import Bridge

/// No open relay by configuration (issue 11, item 2): `allow` and `relayWithoutAuth` may not
/// reach a public address without the listener's loudly named override, however the ranges
/// are split, and IPv4-mapped IPv6 is the same address as IPv4 everywhere.
@Suite struct OpenRelayConfigurationTests {
    static func yaml(allow: [String] = [], relay: [String] = [], senders: [String] = ["*@contoso.com"], extra: String = "") -> String {
        func list(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        return """
            spool: /tmp/x
            listeners:
              - name: lan
                address: "::"
                port: 2525
                tls: none
            \(allow.isEmpty ? "" : "    allow: \(list(allow))")
            \(relay.isEmpty ? "" : "    relayWithoutAuth: \(list(relay))\n    relaySenders: \(list(senders))")
            \(extra)
            routes:
              - name: smarthost
                type: smtp
                host: 127.0.0.1
            """
    }

    static func refusal(_ text: String) -> String? {
        do {
            _ = try BridgeConfiguration.parse(text, file: "b.yaml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        ["0.0.0.0/1", "128.0.0.0/1"],
        ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"],
        ["::/1", "8000::/1"],
        ["::ffff:0.0.0.0/96"],
        ["10.0.0.0/8", "8.8.8.8"],
        ["::ffff:8.8.8.8"],
        ["2001:db8::/32"],
        ["64:ff9b::/96"],
        ["172.16.0.0/11"],
    ])
    func splitAndMappedRangesThatReachPublicSpaceAreRefused(networks: [String]) {
        for text in [Self.yaml(relay: networks), Self.yaml(allow: networks)] {
            let error = Self.refusal(text)
            #expect(error != nil, "accepted \(networks)")
            #expect(error?.contains("public addresses") == true || error?.contains("whole Internet") == true, "\(error ?? "")")
        }
    }

    @Test func theWholeInternetIsRefusedEvenWithTheOverride() {
        let override = "    unsafeAllowPublicSources: true"
        for networks in [["0.0.0.0/1", "128.0.0.0/1"], ["::/1", "8000::/1"], ["::ffff:0.0.0.0/96"], ["2000::/4", "3000::/4"]] {
            #expect(Self.refusal(Self.yaml(relay: networks, extra: override))?.contains("whole Internet") == true, "\(networks)")
        }
        // One named public network with the override: accepted, and warned about loudly.
        let c = try? BridgeConfiguration.parse(Self.yaml(relay: ["198.51.100.0/24"], extra: override), file: "b.yaml")
        #expect(
            c?.warnings.contains { $0.hasPrefix("UNSAFE: listener lan has unsafeAllowPublicSources") && $0.contains("without AUTH") }
                == true)
    }

    @Test func privateSpaceIsAccepted() throws {
        let networks = [
            "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "::1", "fe80::/10",
            "fc00::/7",
            "::ffff:192.168.1.0/120",
        ]
        let c = try BridgeConfiguration.parse(Self.yaml(allow: networks, relay: networks), file: "b.yaml")
        #expect(c.listeners[0].relayWithoutAuth.count == networks.count)
        #expect(!c.warnings.contains { $0.contains("UNSAFE") })
    }

    @Test func relaySendersAreOneAddressOrOneDomain() {
        for wide in ["*", "*@*", "*@*.contoso.com", "*contoso.com", "@contoso.com", "ceo@victim.example@contoso.com", "*@[10.0.0.1]"] {
            let error = Self.refusal(Self.yaml(relay: ["10.0.0.5"], senders: [wide]))
            #expect(error?.contains("listeners[0].relaySenders") == true, "accepted relaySenders \(wide): \(error ?? "")")
        }
        #expect(Self.refusal(Self.yaml(relay: ["10.0.0.5"], senders: ["scanner@contoso.com", "*@scans.contoso.com"])) == nil)
    }

    @Test func sendersMatchParsedAddressesNeverText() {
        let patterns = ["*@contoso.com", "scanner@fabrikam.com"]
        #expect(!BridgeConfiguration.sender("ceo@victim.example@contoso.com", matches: patterns))
        #expect(!BridgeConfiguration.sender("ceo@evilcontoso.com", matches: patterns))
        #expect(!BridgeConfiguration.sender("ceo@sub.contoso.com", matches: patterns))
        #expect(BridgeConfiguration.sender("\"ceo@victim.example\"@contoso.com", matches: patterns))
        #expect(BridgeConfiguration.sender("Scanner@Fabrikam.com", matches: patterns))
        #expect(BridgeConfiguration.sender("\"scanner\"@fabrikam.com", matches: patterns))
        #expect(!BridgeConfiguration.sender("", matches: patterns + ["*"]))
    }

    @Test func ipv4MappedAddressesAreIPv4Everywhere() throws {
        let mapped = try SocketAddress(ipAddress: "::ffff:127.0.0.2", port: 1)
        #expect(IPAddress(mapped)?.description == "127.0.0.2")
        #expect(PrivateAddressSpace.isLoopback(try #require(IPAddress(mapped))))
        #expect(try #require(CIDR("127.0.0.0/8")).contains(mapped))
        #expect(try #require(CIDR("::ffff:10.0.0.0/104")).contains(try SocketAddress(ipAddress: "10.1.2.3", port: 1)))
        #expect(!PrivateAddressSpace.isLoopback(try #require(IPAddress("::ffff:8.8.8.8"))))
        #expect(IPAddress("2001:db8:0:0:1:0:0:1")?.description == "2001:db8::1:0:0:1")
        #expect(IPAddress("fe80::")?.description == "fe80::")
        #expect(
            Loopback.contains("::ffff:127.0.0.2") && Loopback.contains("[::1]") && Loopback.contains("127.1.2.3")
                && Loopback.contains("LOCALHOST"))
        #expect(!Loopback.contains("127.evil.example") && !Loopback.contains("::ffff:10.0.0.1") && !Loopback.contains("127.0.0.256"))
    }

    // MARK: Property: random sets of ranges

    /// A small seeded generator (SplitMix64), so a failing case is reproducible from its seed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The private blocks, by their own numbers, independent of `PrivateAddressSpace`.
    static let privateV4: [(UInt32, Int)] = [
        (0x7F00_0000, 8), (0x0A00_0000, 8), (0xAC10_0000, 12), (0xC0A8_0000, 16), (0x6440_0000, 10), (0xA9FE_0000, 16),
    ]
    static let privateV6: [(UInt16, Int)] = [(0xFE80, 10), (0xFC00, 7)]

    /// A random range, written as the configuration would have it, and whether it holds a public address.
    static func randomRange(_ rng: inout SplitMix64) -> (text: String, isPublic: Bool) {
        func v4(_ a: UInt32) -> String { (0..<4).map { String((a >> (24 - 8 * UInt32($0))) & 0xFF) }.joined(separator: ".") }
        switch rng.next() % 6 {
        case 0, 1:  // inside a private IPv4 block, written as IPv4 or IPv4-mapped IPv6
            let (base, length) = privateV4.randomElement(using: &rng)!
            let prefix = Int.random(in: length...32, using: &rng)
            let address = base | (UInt32.random(in: 0...UInt32.max, using: &rng) & (UInt32.max >> UInt32(length)))
            return Bool.random(using: &rng) ? ("\(v4(address))/\(prefix)", false) : ("::ffff:\(v4(address))/\(prefix + 96)", false)
        case 2:  // inside fe80::/10 or fc00::/7, or ::1
            if rng.next() % 4 == 0 { return ("::1/128", false) }
            let (base, length) = privateV6.randomElement(using: &rng)!
            let first = base | (UInt16.random(in: 0...UInt16.max, using: &rng) & (UInt16.max >> UInt16(length)))
            let prefix = Int.random(in: length...128, using: &rng)
            return (
                String(first, radix: 16) + ":" + String(UInt16.random(in: 0...UInt16.max, using: &rng), radix: 16) + "::/\(prefix)", false
            )
        case 3, 4:  // any IPv4 range; public unless inside one private block (blocks cannot tile a wider range)
            let prefix = Int.random(in: 1...32, using: &rng)
            let address = UInt32.random(in: 0...UInt32.max, using: &rng)
            let network = prefix == 0 ? 0 : address & ~(UInt32.max >> UInt32(prefix))
            let inside = privateV4.contains { base, length in prefix >= length && network & ~(UInt32.max >> UInt32(length)) == base }
            return Bool.random(using: &rng) ? ("\(v4(address))/\(prefix)", !inside) : ("::ffff:\(v4(address))/\(prefix + 96)", !inside)
        default:  // any IPv6 range from a random first group
            let prefix = Int.random(in: 1...16, using: &rng)
            let group = UInt16.random(in: 0...UInt16.max, using: &rng)
            let network = group & ~(UInt16.max >> UInt16(prefix))
            let inside = privateV6.contains { base, length in prefix >= length && network & ~(UInt16.max >> UInt16(length)) == base }
            // A prefix of 8 or less from group 0 covers ::1 and ::ffff:0:0/96 and public space alike.
            return (String(group, radix: 16) + "::/\(prefix)", !inside)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func checkConfigRefusesEverySetWithAPublicAddressAndAcceptsPrivateOnes(seed: UInt64) {
        var rng = SplitMix64(state: seed)
        var refused = 0
        var accepted = 0
        for round in 0..<60 {
            let ranges = (0..<Int.random(in: 1...5, using: &rng)).map { _ in Self.randomRange(&rng) }
            let expectPublic = ranges.contains { $0.isPublic }
            for key in ["relay", "allow"] {
                let text = key == "relay" ? Self.yaml(relay: ranges.map(\.text)) : Self.yaml(allow: ranges.map(\.text))
                let error = Self.refusal(text)
                #expect((error != nil) == expectPublic, "seed \(seed) round \(round) \(key): \(ranges) -> \(error ?? "accepted")")
                if error != nil { refused += 1 } else { accepted += 1 }
            }
            // Every public finding names an address that is in the range and outside every private block.
            for range in ranges where range.isPublic {
                guard let cidr = CIDR(range.text), let witness = PrivateAddressSpace.firstPublicAddress(in: cidr) else {
                    Issue.record("seed \(seed): no public address found in \(range.text)")
                    continue
                }
                #expect(cidr.contains(witness) && !PrivateAddressSpace.contains(witness), "seed \(seed): \(range.text) -> \(witness)")
            }
        }
        // The generator is balanced enough that both outcomes are exercised for every seed.
        #expect(refused > 10 && accepted > 10, "seed \(seed): \(refused) refused, \(accepted) accepted")
    }
}
