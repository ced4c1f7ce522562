import Foundation

/// The test certificates and keys in Tests/TestSupport/Fixtures (made by its make-*.sh scripts),
/// shared by the OAuth tests (signing certificates) and the probe's TLS tests (servers, CAs).
public enum Fixture {
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    public static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}
