import Foundation
import Testing

@Suite struct BridgeCLITests {
    static let example = CLI.repositoryRoot + "/Examples/bridge/bridge.yaml"

    @Test func theREADMEExampleIsTheValidatedExampleFile() throws {
        let readme = try String(contentsOfFile: CLI.repositoryRoot + "/README.md", encoding: .utf8)
        let example = try String(contentsOfFile: Self.example, encoding: .utf8)
        #expect(readme.contains(example))
        let r = try CLI.run(["bridge", "check-config", "--config", Self.example])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("route scans-graph: graph"))
        #expect(r.stdout.contains("route exo-xoauth2: smtp-xoauth2 to smtp.office365.com:587"))
    }

    @Test func aBadConfigurationNamesFileLineAndSetting() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml").path
        try "spool: /tmp/x\nlisteners:\n  - port: 25\n    tls: none\n    relayWithoutAuth: [0.0.0.0/0]\n    relaySenders: ['*']\nroutes: []\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["bridge", "check-config", "--config", path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(path):3: listeners[0]: 0.0.0.0/0 would let the whole Internet in"), "\(r.stderr)")
    }

    @Test func hashPasswordReadsStandardInputAndNeverEchoesIt() throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["bridge", "hash-password"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("device-secret-1\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.hasPrefix("scrypt$15$8$1$"))
        #expect(!text.contains("device-secret-1"))
    }
}
