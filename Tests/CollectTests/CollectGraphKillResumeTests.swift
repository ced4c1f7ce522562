import Collect
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `authshift collect graph` killed (SIGKILL) in the middle of a run, then run again: the second
/// run continues from the checkpoint, asks for no page twice that was written, and the folder
/// ends with each page once.
@Suite struct CollectGraphKillResumeTests {
    static func process(_ server: GraphStandIn, folder: String) -> Process {
        let process = AuthShiftBinary.process(
            [
                "collect", "graph", "--tenant", "contoso", "--client-id", "app", "--client-secret-env", "AUTHSHIFT_TEST_SECRET",
                "--authority", server.base, "--graph-url", server.base, "--out", folder, "--only", "SignIns-Interactive",
            ],
            environment: ["AUTHSHIFT_TEST_SECRET": "s3cret"])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    @Test func killedRunResumesWithoutDuplicatingAPage() async throws {
        let counter = Counter()
        let released = Counter()
        // Page 3 gets no answer until the first run is killed (its retries hang too).
        let server = GraphCollectorTests.tenant(counter) { page, _, _ in page == 3 && released.count("kill") == 0 ? .hang : nil }
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = CollectFixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let first = Self.process(server, folder: folder)
        try first.run()
        // Generous: it bounds only a failing run, and a debug binary starts slowly while every suite runs at once.
        let deadline = Date().addingTimeInterval(120)
        while counter.count("page3") == 0 && Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        #expect(counter.count("page3") >= 1)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        _ = released.next("kill")
        #expect(first.terminationReason == .uncaughtSignal)
        #expect(CollectFixtures.files(folder) == [CollectionCheckpoint.fileName] + Array(GraphCollectorTests.pageFiles.prefix(2)))

        let second = Self.process(server, folder: folder)
        try second.run()
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
        #expect(CollectFixtures.files(folder) == [CollectionCheckpoint.fileName] + GraphCollectorTests.pageFiles)
        // Pages 1 and 2 were written before the kill and never asked for again.
        #expect(["page1", "page2"].map(counter.count) == [1, 1] as [Int])
        #expect(counter.count("page3") >= 2)
        // The resumed run kept the first run's sign-in window.
        let firstURL = try #require(server.requests.first { $0.method == "GET" }?.uri)
        #expect(firstURL.contains("createdDateTime%20ge%20"))
        #expect(firstURL.contains("clientAppUsed%20eq%20%27Authenticated%20SMTP%27"))

        // assess reads what was written: `inspect` recognises every page as a sign-in log.
        let inspect = try AuthShiftBinary.run(["inspect", folder])
        let text = inspect.stdout
        #expect(text.components(separatedBy: "Sign-in log (JSON)").count - 1 == 3, "\(text)")
    }
}
