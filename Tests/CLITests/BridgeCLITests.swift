import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

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
        try
            "spool: /tmp/x\nlisteners:\n  - port: 25\n    tls: none\n    relayWithoutAuth: [0.0.0.0/0]\n    relaySenders: ['*']\nroutes: []\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["bridge", "check-config", "--config", path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(path):5: listeners[0].relayWithoutAuth: 0.0.0.0/0 would let the whole Internet in"), "\(r.stderr)")
    }

    /// plan drafts a bridge configuration for the senders recommended a local bridge; the draft
    /// refuses to pass check-config until its REPLACE values are filled in, and then passes.
    @Test func planDraftsABridgeConfigurationThatNeedsCompleting() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)").path
        let plan = try CLI.run(["plan", "Examples/contoso", "--out", out, "--as-of", "2026-11-28"])
        #expect(plan.status == 0 || plan.status == 1, "\(plan.stderr)")
        let draftPath = out + "/bridge-draft.yaml"
        var draft = try String(contentsOfFile: draftPath, encoding: .utf8)
        #expect(draft.contains("senders: [\"scanner-branch@contoso.com\"]"))
        #expect(draft.contains("tenant: \"contoso.onmicrosoft.com\""))
        let unfinished = try CLI.run(["bridge", "check-config", "--config", draftPath])
        #expect(unfinished.status == 65)
        #expect(unfinished.stderr.contains("REPLACE"))
        draft = draft.replacingOccurrences(of: "\"REPLACE with the devices' networks, like 10.20.0.0/16\"", with: "10.20.0.0/16")
            .replacingOccurrences(
                of: "\"REPLACE: authshift bridge hash-password\"",
                with: "\"scrypt$15$8$1$w+dic63w9xKEYkzc8YBaww==$Ro8C4s0Cc0lL038Mnoa2YASP3MMuQCpnyRV4zOuve6U=\"")
        try draft.write(toFile: draftPath, atomically: true, encoding: .utf8)
        let completed = try CLI.run(["bridge", "check-config", "--config", draftPath])
        #expect(completed.status == 0, "\(completed.stderr)")
        #expect(completed.stdout.contains("account scanner-branch: may send as scanner-branch@contoso.com"))
    }

    /// A listener that cannot bind ends the bridge at once with a clear error and exit 73.
    @Test func aPortInUseIsAClearStartError() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        listen(fd, 1)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bridge-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let config = dir + "/bridge.yaml"
        try
            "spool: \(dir)/spool\nlisteners:\n  - port: \(port)\n    tls: none\n    relayWithoutAuth: [127.0.0.1]\n    relaySenders: ['*@contoso.com']\nroutes:\n  - name: s\n    type: smtp\n    host: 127.0.0.1\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let r = try CLI.run(["bridge", "run", "--config", config])
        #expect(r.status == 73, "\(r.stderr)")
        #expect(r.stderr.contains("cannot-listen") || r.stderr.contains("Address already in use"), "\(r.stderr)")
    }

    @Test func hashPasswordReadsStandardInputAndNeverEchoesIt() throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["bridge", "hash-password"]
        let input = Pipe()
        let output = Pipe()
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
