import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `authshift serve` end to end: the refusal beyond loopback, and a real start, sign-in link,
/// request and graceful stop on SIGTERM.
@Suite struct ServeCLITests {
    @Test func refusesToListenBeyondLoopbackWithoutTeamSignIn() throws {
        let ws = temporaryFolder().appendingPathComponent("ws").path
        _ = try CLI.run(["workspace", "init", ws])
        for listen in ["0.0.0.0:8080", "[::]:8080", "192.0.2.10:443"] {
            let r = try CLI.run(["serve", "--workspace", ws, "--listen", listen])
            #expect(r.status == 64, "\(listen): \(r.stderr)")
            #expect(r.stderr.contains("refusing to listen"), "\(r.stderr)")
            #expect(r.stderr.contains("--auth entra"))
        }
        let bad = try CLI.run(["serve", "--workspace", ws, "--listen", "localhost"])
        #expect(bad.status == 64)
        let missing = try CLI.run(["serve", "--workspace", ws + "-missing", "--listen", "127.0.0.1:0"])
        #expect(missing.status == 66, "\(missing.stderr)")
    }

    @Test func servesPrintsAOneTimeLinkAndStopsOnSIGTERM() async throws {
        let dir = temporaryFolder()
        let ws = dir.appendingPathComponent("ws").path
        _ = try CLI.run(["workspace", "init", ws])
        _ = try CLI.run([
            "assess", "Examples/contoso", "--out", dir.appendingPathComponent("out").path, "--as-of", "2026-11-28", "--workspace", ws,
        ])
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--workspace", ws, "--listen", "127.0.0.1:0"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var printed = ""
        let deadline = Date().addingTimeInterval(60)
        while !printed.contains("/signin?token="), Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        let link = try #require(printed.split(separator: "\n").first { $0.contains("/signin?token=") }).trimmingCharacters(in: .whitespaces)
        #expect(link.hasPrefix("http://127.0.0.1:"))
        let url = try #require(URL(string: link))
        let health = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(url.port!)/healthz")!)
        #expect(String(decoding: health.0, as: UTF8.self) == "ok\n")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("\"path\":\"\\/healthz\"") || log.contains("\"path\":\"/healthz\""), "\(log)")
        #expect(!log.contains("token="))
    }
}
