import Foundation
import Testing

/// `authshift --version`: the version, then the source commit. scripts/release.sh stamps the commit
/// and reads the version back from the first word; a plain build (as `swift test` makes) says it has
/// no commit rather than inventing one.
@Suite struct VersionCLITests {
    @Test func versionNamesTheVersionAndTheSourceCommit() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        let line = r.stdout.trimmingCharacters(in: .newlines)
        let version = try #require(line.split(separator: " ").first.map(String.init))
        let numbers = version.split(separator: ".")
        #expect(numbers.count == 3 && numbers.allSatisfy { Int($0) != nil }, "not a version: \(line)")
        #expect(line == "\(version) (source commit unknown (built without scripts/release.sh))")
    }

    @Test func reportsNameTheirProducerWithoutTheCommit() throws {
        let version = try CLI.run(["--version"]).stdout.split(separator: " ").first.map(String.init) ?? ""
        let out = temporaryFolder().appendingPathComponent("out")
        let r = try CLI.run(["assess", "Examples/contoso", "--out", out.path, "--as-of", "2026-11-28"])
        #expect(r.status == 0, "\(r.stderr)")
        let register = try String(contentsOf: out.appendingPathComponent("register.json"), encoding: .utf8)
        #expect(register.contains("\"generatedBy\" : \"authshift \(version)\""))
    }
}
