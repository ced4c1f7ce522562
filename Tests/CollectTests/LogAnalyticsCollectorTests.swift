import AuthShiftCore
import Collect
import Foundation
import OAuth
import Testing
import Transport

/// `collect log-analytics` against a loopback query API stand-in, and the KQL it sends.
@Suite struct LogAnalyticsCollectorTests {
    static let workspace = "11111111-2222-3333-4444-555555555555"

    static let answer = """
        {"tables":[{"name":"PrimaryResult","columns":[{"name":"Day","type":"datetime"},{"name":"UserPrincipalName","type":"string"},\
        {"name":"AppDisplayName","type":"string"},{"name":"ClientAppUsed","type":"string"},{"name":"IPAddress","type":"string"},\
        {"name":"ResultType","type":"string"},{"name":"SignIns","type":"long"},{"name":"FirstSeen","type":"datetime"},\
        {"name":"LastSeen","type":"datetime"},{"name":"SampleFailureReason","type":"string"}],"rows":[\
        ["2026-11-02T00:00:00Z","scanner@contoso.com","Office 365 Exchange Online","Authenticated SMTP","203.0.113.7","0",2,"2026-11-02T08:00:00Z","2026-11-02T09:30:00Z",""]]}]}
        """

    static func collector(_ server: GraphStandIn, folder: String, sleeps: SleepLog = SleepLog()) -> LogAnalyticsCollector {
        let request = TokenRequest(
            authority: server.base, tenant: "contoso", clientID: "app", scope: server.base + "/.default",
            credential: .clientSecret(Secret("s3cret")))
        let tokens = TokenProvider(request: request, client: TokenClient(http: HTTPSPost(timeout: .seconds(5))))
        let client = GraphClient(http: HTTPSPost(timeout: .seconds(5)), tokens: tokens) { sleeps.add($0) }
        return LogAnalyticsCollector(client: client, endpoint: server.base, folder: folder)
    }

    static func server(_ reply: @escaping @Sendable (Int) -> GraphStandIn.Reply) -> GraphStandIn {
        let counter = Counter()
        return GraphStandIn { request in
            if request.method == "POST" { return CollectFixtures.token(counter.next("token")) }
            return reply(counter.next("query"))
        }
    }

    @Test func summaryIsWrittenAfterAThrottledAttempt() async throws {
        let server = Self.server { attempt in
            attempt == 1
                ? .json("{\"error\":{\"code\":\"ThrottledError\"}}", status: 429, headers: [("Retry-After", "3")]) : .json(Self.answer)
        }
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = CollectFixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sleeps = SleepLog()
        let result = try await Self.collector(server, folder: folder, sleeps: sleeps).run(
            workspaceID: Self.workspace, query: SignInSummaryQuery(days: 7))
        #expect(result.rows == 1)
        #expect(sleeps.all == [3])
        #expect(CollectFixtures.read(folder, LogAnalyticsCollector.fileName) == Self.answer)
        let query = try #require(server.requests.last { $0.method == "GET" })
        #expect(query.uri.hasPrefix("/v1/workspaces/\(Self.workspace)/query?query="))
        #expect(query.uri.hasSuffix("&timespan=P7D"))
        let text = try #require(URLComponents(string: query.uri)?.queryItems?.first { $0.name == "query" }?.value)
        #expect(text == SignInSummaryQuery(days: 7).text)
    }

    @Test func partialResultIsRefusedAndNothingWritten() async throws {
        let partial =
            String(Self.answer.dropLast())
            + ",\"error\":{\"code\":\"PartialError\",\"message\":\"There were some errors when processing your query.\"}}"
        let server = Self.server { _ in .json(partial) }
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = CollectFixtures.folder()
        do {
            _ = try await Self.collector(server, folder: folder).run(workspaceID: Self.workspace, query: SignInSummaryQuery(days: 7))
            Issue.record("a partial result must not be written")
        } catch {
            #expect(error.description.contains("partial result"))
        }
        #expect(CollectFixtures.read(folder, LogAnalyticsCollector.fileName) == nil)
    }

    @Test func forbiddenNamesTheWorkspaceRole() async throws {
        let server = Self.server { _ in
            .json(
                "{\"error\":{\"code\":\"InsufficientAccessError\",\"message\":\"The provided credentials have insufficient access.\"}}",
                status: 403)
        }
        try await server.start()
        defer { Task { await server.stop() } }
        do {
            _ = try await Self.collector(server, folder: CollectFixtures.folder()).run(
                workspaceID: Self.workspace, query: SignInSummaryQuery(days: 7))
            Issue.record("403 must stop")
        } catch {
            #expect(error.description.contains("Log Analytics Reader"))
        }
    }

    @Test func queryReadsBothSignInTablesAndProducesTheSummaryColumns() {
        let text = SignInSummaryQuery(days: 30).text
        #expect(text.contains("SigninLogs") && text.contains("AADNonInteractiveUserSignInLogs"))
        #expect(text.contains("ago(30d)"))
        #expect(text.contains("ClientAppUsed in (\"Authenticated SMTP\", \"Exchange Online PowerShell\")"))
        let project = text.split(separator: "\n").first { $0.hasPrefix("| project ") }
        #expect(
            project
                == "| project Day, UserPrincipalName, AppDisplayName, ClientAppUsed, IPAddress, ResultType, SignIns, FirstSeen, LastSeen, SampleFailureReason"
        )
    }
}
