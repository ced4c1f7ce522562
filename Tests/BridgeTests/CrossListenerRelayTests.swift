import Testing

@testable import Bridge

/// Public ranges split over several listeners do not add up to an open relay (issue 11, item 2).
@Suite struct CrossListenerRelayTests {
    static func yaml(_ first: String, _ second: String, key: String = "relayWithoutAuth") -> String {
        """
        hostname: bridge.test
        spool: /tmp/unused
        listeners:
          - name: a
            port: 2525
            tls: none
            unsafeAllowPublicSources: true
            allow: ["\(first)"]
            \(key == "relayWithoutAuth" ? "relayWithoutAuth: [\"\(first)\"]\n    relaySenders: [\"*@bulk.contoso.com\"]" : "")
          - name: b
            port: 2526
            tls: none
            unsafeAllowPublicSources: true
            allow: ["\(second)"]
            \(key == "relayWithoutAuth" ? "relayWithoutAuth: [\"\(second)\"]\n    relaySenders: [\"*@bulk.contoso.com\"]" : "")
        routes:
          - name: sink
            type: smtp
            host: 127.0.0.1
        """
    }

    @Test(arguments: [("0.0.0.0/1", "128.0.0.0/1"), ("2000::/4", "3000::/4")])
    func rangesSplitOverTwoListenersAreRefused(first: String, second: String) {
        for key in ["relayWithoutAuth", "allow"] {
            #expect {
                try BridgeConfiguration.parse(Self.yaml(first, second, key: key), file: "split.yaml")
            } throws: { error in
                "\(error)".contains("split.yaml:") && "\(error)".contains("of listeners a, b together cover the whole Internet")
            }
        }
    }

    @Test func publicRangesThatLeaveMostOfTheInternetOutAreKept() throws {
        let c = try BridgeConfiguration.parse(Self.yaml("192.0.2.0/24", "198.51.100.0/24"), file: "ok.yaml")
        #expect(c.listeners.count == 2)
    }
}
