import AuthShiftCore
import Collect
import Foundation
import OAuth
import Testing

/// `collect graph` against a loopback Graph stand-in: paging, throttling, loops, malformed pages,
/// token expiry, a 403, and resuming.
@Suite struct GraphCollectorTests {
    typealias Override = @Sendable (_ page: Int, _ attempt: Int, _ request: GraphStandIn.Request) -> GraphStandIn.Reply?

    /// Serves three pages of sign-ins at /v1.0/auditLogs/signIns (2, 2 and 1 rows), page N+1
    /// linked from page N. `override` may replace the answer to a page, by its number and by how
    /// many times it was asked for.
    static func tenant(_ counter: Counter = Counter(), tokenLife: Int = 3600, override: @escaping Override = { _, _, _ in nil })
        -> GraphStandIn
    {
        GraphStandIn { request in
            if request.method == "POST", request.uri.hasSuffix("/oauth2/v2.0/token") {
                return CollectFixtures.token(counter.next("token"), expiresIn: tokenLife)
            }
            guard request.bearer?.hasPrefix("tok-") == true else {
                return .json("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"no token\"}}", status: 401)
            }
            let page = request.uri.contains("skiptoken=") ? Int(request.uri.split(separator: "=").last!)! : 1
            let attempt = counter.next("page\(page)")
            if let reply = override(page, attempt, request) { return reply }
            return Self.standardPage(page, base: request.base)
        }
    }

    static func standardPage(_ page: Int, base: String) -> GraphStandIn.Reply {
        let next = page < 3 ? "\(base)/v1.0/auditLogs/signIns?$skiptoken=\(page + 1)" : nil
        let items = (1...(page == 3 ? 1 : 2)).map { CollectFixtures.signIn("user\(page)\($0)@contoso.com", page) }
        return .json(CollectFixtures.page(items, next: next))
    }

    static let pageFiles = ["SignIns-Interactive-page001.json", "SignIns-Interactive-page002.json", "SignIns-Interactive-page003.json"]

    @Test func severalPagesAreWrittenAsGraphSentThem() async throws {
        let counter = Counter()
        let server = Self.tenant(counter)
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = CollectFixtures.folder()
        let outcomes = try await CollectFixtures.collector(server, folder: folder).run(since: Date(), datasets: [CollectFixtures.dataset])
        #expect(outcomes == [.init(dataset: "SignIns-Interactive", pages: 3, items: 5, resumed: false, alreadyDone: false)])
        #expect(CollectFixtures.files(folder) == [CollectionCheckpoint.fileName] + Self.pageFiles)
        #expect(CollectFixtures.read(folder, Self.pageFiles[1])!.contains("user21@contoso.com"))
        #expect(CollectFixtures.read(folder, Self.pageFiles[2])!.contains("@odata.nextLink") == false)
        // Every Graph request carried the bearer token; one token served the run.
        #expect(server.requests.filter { $0.method == "GET" }.allSatisfy { $0.bearer == "tok-1" })
        #expect(counter.count("token") == 1)
        let checkpoint = try #require(try CollectionCheckpoint.load(from: folder))
        #expect(checkpoint.datasets["SignIns-Interactive"]?.done == true)
    }

    @Test func throttledPageWaitsRetryAfterSeconds() async throws {
        let server = Self.tenant { page, attempt, _ in
            page == 2 && attempt == 1
                ? .json("{\"error\":{\"code\":\"TooManyRequests\"}}", status: 429, headers: [("Retry-After", "7")]) : nil
        }
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = CollectFixtures.folder()
        let sleeps = SleepLog()
        let outcomes = try await CollectFixtures.collector(server, folder: folder, sleeps: sleeps).run(
            since: Date(), datasets: [CollectFixtures.dataset])
        #expect(sleeps.all == [7])
        #expect(outcomes.first?.pages == 3)
        #expect(server.requests.filter { $0.uri.contains("skiptoken=2") }.count == 2)
    }

    @Test func unavailableServiceBacksOffWithJitterWithinTheCap() async throws {
        let server = Self.tenant { page, attempt, _ in
            page == 1 && attempt <= 2 ? .answer(status: attempt == 1 ? 503 : 504, headers: [], body: "") : nil
        }
        try await server.start()
        defer { Task { await server.stop() } }
        let sleeps = SleepLog()
        let retry = RetryPolicy(maximumAttempts: 5, baseDelay: 2, maximumDelay: 60, maximumTotalWait: 100)
        _ = try await CollectFixtures.collector(server, folder: CollectFixtures.folder(), sleeps: sleeps, retry: retry)
            .run(since: Date(), datasets: [CollectFixtures.dataset])
        #expect(sleeps.all.count == 2)
        // Full jitter: the first wait is within [0, 2], the second within [0, 4].
        #expect((0...2).contains(sleeps.all[0]) && (0...4).contains(sleeps.all[1]))
    }

    @Test func endlessThrottlingStopsAtTheTotalWaitAndSaysHowToResume() async throws {
        let server = Self.tenant { page, _, _ in page == 2 ? .answer(status: 429, headers: [("Retry-After", "30")], body: "") : nil }
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = CollectFixtures.folder()
        let sleeps = SleepLog()
        let retry = RetryPolicy(maximumAttempts: 10, maximumTotalWait: 100)
        await #expect(
            throws: CollectError.retriesExhausted(dataset: "SignIns-Interactive", page: 2, attempts: 4, waitedSeconds: 90, lastStatus: 429)
        ) {
            try await CollectFixtures.collector(server, folder: folder, sleeps: sleeps, retry: retry).run(
                since: Date(), datasets: [CollectFixtures.dataset])
        }
        #expect(sleeps.all == [30, 30, 30])
        // Page 1 is kept and the checkpoint points at page 2.
        #expect(CollectFixtures.files(folder) == [CollectionCheckpoint.fileName, Self.pageFiles[0]])
    }

    @Test func repeatedNextLinkIsALoop() async throws {
        let server = Self.tenant { page, _, request in
            page == 2
                ? .json(
                    CollectFixtures.page(
                        [CollectFixtures.signIn("a@contoso.com", 2)], next: "\(request.base)/v1.0/auditLogs/signIns?$filter=x")) : nil
        }
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = CollectFixtures.folder()
        do {
            _ = try await CollectFixtures.collector(server, folder: folder).run(since: Date(), datasets: [CollectFixtures.dataset])
            Issue.record("a loop must stop the collection")
        } catch {
            guard case .pagingLoop(let dataset, let page, let url) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(dataset == "SignIns-Interactive" && page == 3 && url.hasSuffix("signIns?$filter=x"))
            #expect(error.description.contains("paging loop"))
        }
        // The page whose link loops back is not written; the first page was requested once only.
        #expect(CollectFixtures.files(folder) == [CollectionCheckpoint.fileName, Self.pageFiles[0]])
        #expect(server.requests.filter { $0.method == "GET" && !$0.uri.contains("skiptoken") }.count == 1)
    }

    @Test func malformedPageIsNamedAndNothingOfItIsWrittenThenAResumeFinishes() async throws {
        let broken = Counter()
        let server = Self.tenant { page, _, _ in
            page == 2 && broken.next("broken") == 1 ? .json("{\"value\":[{\"createdDateTime\":\"2026-11-02T08:00:00Z\",\"userPrin") : nil
        }
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = CollectFixtures.folder()
        do {
            _ = try await CollectFixtures.collector(server, folder: folder).run(since: Date(), datasets: [CollectFixtures.dataset])
            Issue.record("a malformed page must stop the collection")
        } catch {
            guard case .malformedPage(_, let page, let url, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(page == 2 && url.hasSuffix("skiptoken=2"))
            #expect(error.description.contains("SignIns-Interactive page 2") && error.description.contains("nothing of it was written"))
        }
        #expect(CollectFixtures.files(folder) == [CollectionCheckpoint.fileName, Self.pageFiles[0]])
        // The rerun asks for page 2 again, not page 1, and finishes.
        let outcomes = try await CollectFixtures.collector(server, folder: folder).run(since: Date(), datasets: [CollectFixtures.dataset])
        #expect(outcomes.first == .init(dataset: "SignIns-Interactive", pages: 3, items: 5, resumed: true, alreadyDone: false))
        #expect(server.requests.filter { $0.method == "GET" && !$0.uri.contains("skiptoken") }.count == 1)
        #expect(CollectFixtures.files(folder) == [CollectionCheckpoint.fileName] + Self.pageFiles)
    }

    @Test func tokenExpiringMidRunIsRenewed() async throws {
        let counter = Counter()
        // Graph refuses the first token from page 2 on, as it does once a token has expired.
        let server = Self.tenant(counter) { page, _, request in
            page >= 2 && request.bearer == "tok-1"
                ? .json(
                    "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Lifetime validation failed, the token is expired.\"}}",
                    status: 401)
                : nil
        }
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = CollectFixtures.folder()
        let outcomes = try await CollectFixtures.collector(server, folder: folder).run(since: Date(), datasets: [CollectFixtures.dataset])
        #expect(outcomes.first?.pages == 3)
        #expect(counter.count("token") == 2)
        #expect(server.requests.filter { $0.uri.contains("skiptoken=3") }.map(\.bearer) == ["tok-2"])
    }

    @Test func tokenIsRenewedBeforeItExpires() async throws {
        final class Clock: @unchecked Sendable { var now = Date(timeIntervalSince1970: 1_000_000) }
        let clock = Clock()
        let issued = Counter()
        let provider = TokenProvider(
            renewalMargin: 300, clock: { clock.now },
            fetch: { (Secret("tok-\(issued.next("t"))"), 3600) })
        #expect(try await provider.token().reveal() == "tok-1")
        clock.now += 3299
        #expect(try await provider.token().reveal() == "tok-1")
        clock.now += 2
        #expect(try await provider.token().reveal() == "tok-2")
        // A refused token is renewed once, not once per request that saw it refused.
        #expect(try await provider.renew(after: Secret("tok-1")).reveal() == "tok-2")
        #expect(try await provider.renew(after: Secret("tok-2")).reveal() == "tok-3")
    }

    /// The error a collection stops with when Graph answers every page with a 403 carrying `body`.
    static func refusal(_ body: String) async throws -> CollectError {
        let server = Self.tenant { _, _, _ in .json(body, status: 403) }
        try await server.start()
        defer { Task { await server.stop() } }
        do {
            _ = try await CollectFixtures.collector(server, folder: CollectFixtures.folder()).run(
                since: Date(), datasets: [CollectFixtures.dataset])
        } catch {
            return error
        }
        Issue.record("403 must stop the collection")
        throw CancellationError()
    }

    @Test func forbiddenNamesTheMissingPermission() async throws {
        let error = try await Self.refusal(
            "{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"Insufficient privileges to complete the operation.\"}}")
        #expect(
            error
                == .permissionMissing(
                    dataset: "SignIns-Interactive", permission: "AuditLog.Read.All",
                    detail: "Authorization_RequestDenied: Insufficient privileges to complete the operation."))
        #expect(error.description.contains("needs the application permission AuditLog.Read.All"))
    }

    @Test func tenantWithoutPremiumIsToldSoNotAskedForAPermission() async throws {
        let error = try await Self.refusal(
            "{\"error\":{\"code\":\"Authentication_RequestFromNonPremiumTenantOrB2CTenant\",\"message\":\"Neither tenant is B2C or tenant doesn't have premium license\"}}"
        )
        #expect(error.description.contains("Microsoft Entra ID P1 or P2"))
        #expect(!error.description.contains("needs the application permission"))
    }

    @Test func nextLinkToAnotherHostIsRefused() async throws {
        let server = Self.tenant { page, _, _ in
            page == 1 ? .json(CollectFixtures.page([], next: "https://attacker.example/v1.0/auditLogs/signIns?$skiptoken=2")) : nil
        }
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = CollectFixtures.folder()
        await #expect(throws: CollectError.self) {
            try await CollectFixtures.collector(server, folder: folder).run(since: Date(), datasets: [CollectFixtures.dataset])
        }
        #expect(!server.requests.contains { $0.uri.contains("skiptoken") })
    }

    @Test func completedCollectionIsNotFetchedAgain() async throws {
        let server = Self.tenant()
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = CollectFixtures.folder()
        _ = try await CollectFixtures.collector(server, folder: folder).run(since: Date(), datasets: [CollectFixtures.dataset])
        let before = server.requests.count
        let again = try await CollectFixtures.collector(server, folder: folder).run(since: Date(), datasets: [CollectFixtures.dataset])
        #expect(again.first?.alreadyDone == true)
        #expect(server.requests.count == before)
    }

    @Test func folderWithPagesButNoCheckpointIsRefused() async throws {
        let server = Self.tenant()
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = CollectFixtures.folder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent(Self.pageFiles[0]))
        await #expect(throws: CollectError.self) {
            try await CollectFixtures.collector(server, folder: folder).run(since: Date(), datasets: [CollectFixtures.dataset])
        }
    }
}
