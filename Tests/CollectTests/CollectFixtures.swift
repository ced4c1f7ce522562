import AuthShiftCore
import Collect
import Foundation
import OAuth
import Transport

/// Sign-in pages and a stand-in tenant shared by the collection tests.
enum CollectFixtures {
    /// A Graph sign-in as `assess` reads it (Microsoft Learn, "signIn resource type").
    static func signIn(_ user: String, _ day: Int) -> String {
        """
        {"createdDateTime":"2026-11-\(day < 10 ? "0" : "")\(day)T08:00:00Z","userPrincipalName":"\(user)","clientAppUsed":"Authenticated SMTP",\
        "ipAddress":"203.0.113.7","appDisplayName":"Office 365 Exchange Online","status":{"errorCode":0,"failureReason":null}}
        """
    }

    static func page(_ items: [String], next: String?) -> String {
        let link = next.map { ",\"@odata.nextLink\":\"\($0)\"" } ?? ""
        return
            "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns\",\"value\":[\(items.joined(separator: ","))]\(link)}"
    }

    static let dataset = GraphDataset(
        name: "SignIns-Interactive", path: "v1.0/auditLogs/signIns?$filter=x", permission: "AuditLog.Read.All", paged: true)

    /// A token answer numbered by how many were issued.
    static func token(_ n: Int, expiresIn: Int = 3600) -> GraphStandIn.Reply {
        .json("{\"token_type\":\"Bearer\",\"expires_in\":\(expiresIn),\"access_token\":\"tok-\(n)\"}")
    }

    static func folder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("authshift-collect-\(UUID().uuidString)").path
        return path
    }

    /// A collector against `server`, client-secret credential, instant sleeps recorded in `sleeps`.
    static func collector(
        _ server: GraphStandIn, folder: String, sleeps: SleepLog = SleepLog(),
        retry: RetryPolicy = RetryPolicy()
    ) -> GraphCollector {
        let request = TokenRequest(
            authority: server.base, tenant: "contoso", clientID: "app", scope: server.base + "/.default",
            credential: .clientSecret(Secret("s3cret")))
        let tokens = TokenProvider(request: request, client: TokenClient(http: HTTPSPost(timeout: .seconds(5))))
        let client = GraphClient(http: HTTPSPost(timeout: .seconds(5)), tokens: tokens, retry: retry) { seconds in sleeps.add(seconds) }
        return GraphCollector(client: client, baseURL: server.base, folder: folder)
    }

    static func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    static func read(_ folder: String, _ name: String) -> String? {
        FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// The waits a client asked for, instead of sleeping them.
final class SleepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []
    func add(_ seconds: Double) {
        lock.lock()
        values.append(seconds)
        lock.unlock()
    }
    var all: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}

/// A counter the stand-in's answer closure can change.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    /// Adds one to `key` and returns the new count.
    func next(_ key: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        counts[key, default: 0] += 1
        return counts[key]!
    }
    func count(_ key: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return counts[key] ?? 0
    }
}
