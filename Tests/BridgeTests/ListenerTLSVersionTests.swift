import Foundation
import Testing
import Transport

@testable import Bridge

/// The listener's oldest TLS version goes through Transport's one parser: an unknown name is a
/// configuration error naming the setting, and the server TLS settings carry exactly the version read.
@Suite struct ListenerTLSVersionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestSupport/Fixtures")

    static func yaml(minimum: String?) -> String {
        let line = minimum.map { "\n    minimumTLSVersion: \"\($0)\"" } ?? ""
        return ConfigurationTests.yaml(listener: "tls: none\n    trustedLanPlain: true" + line)
    }

    @Test(arguments: ["1.4", "TLS1.2", "1.2 "])
    func anUnknownVersionIsRefusedNamingTheSetting(name: String) {
        do {
            _ = try BridgeConfiguration.parse(Self.yaml(minimum: name), file: "b.yaml")
            Issue.record("accepted minimumTLSVersion \(name)")
        } catch {
            #expect(
                error.description.contains("b.yaml:7: listeners[0].minimumTLSVersion: '\(name)' is not a TLS version"),
                "\(error.description)")
        }
    }

    @Test func theListenerUsesTheVersionParsed() throws {
        let certificate = Self.fixtures.appendingPathComponent("server.pem").path
        let key = Self.fixtures.appendingPathComponent("server-key.pem").path
        for version in TLSProtocolVersion.allCases {
            let listener = try BridgeConfiguration.parse(Self.yaml(minimum: version.rawValue), file: "b.yaml").listeners[0]
            #expect(listener.minimumTLSVersion == version)
            let tls = try ListenerService.serverTLS(for: listener, certificate: certificate, key: key)
            #expect(TLSProtocolVersion(tls.minimumTLSVersion) == version)
        }
        let unset = try BridgeConfiguration.parse(Self.yaml(minimum: nil), file: "b.yaml").listeners[0]
        #expect(unset.minimumTLSVersion == .v10, "old devices: TLS 1.0 accepted unless the listener says otherwise")
    }
}
