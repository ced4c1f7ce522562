import Foundation
import Testing

/// The bridge draft `plan` writes runs under the Debian package's service as written: its spool is
/// the one the package creates (packaging/debian/postinst), names in its template
/// (packaging/debian/bridge.yaml) and lets the unit write (ReadWritePaths in scripts/release-deb.sh).
@Suite struct BridgeDraftPackagingCLITests {
    static func file(_ path: String) throws -> String {
        try String(contentsOfFile: CLI.repositoryRoot + "/" + path, encoding: .utf8)
    }

    /// The value of the first line `key: value` (or `key=value`) in `text`.
    static func setting(_ key: String, in text: String, separator: String = ": ") -> String? {
        text.split(separator: "\n").map(String.init).first { $0.hasPrefix(key + separator) }.map {
            String($0.dropFirst(key.count + separator.count))
        }
    }

    @Test func theDraftSpoolIsThePackagedServiceSpool() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let plan = try CLI.run(["plan", "Examples/contoso", "--out", out, "--as-of", "2026-11-28"])
        #expect(plan.status == 0 || plan.status == 1, "\(plan.stderr)")
        let draft = try String(contentsOfFile: out + "/bridge-draft.yaml", encoding: .utf8)
        let spool = try #require(Self.setting("spool", in: draft))
        #expect(spool == "/var/lib/authshift/spool")
        #expect(Self.setting("spool", in: try Self.file("packaging/debian/bridge.yaml")) == spool)
        #expect(try Self.file("packaging/debian/postinst").contains("-m 0700 \(spool)\n"))
        let writable = try #require(
            try Self.file("scripts/release-deb.sh").components(separatedBy: "s|^ReadWritePaths=.*|ReadWritePaths=").dropFirst().first?
                .split(separator: "|").first)
        #expect(spool.hasPrefix(writable + "/"))
        #expect(draft.contains("/etc/authshift/bridge.yaml"))
        #expect(!draft.contains("/var/spool"))
    }
}
