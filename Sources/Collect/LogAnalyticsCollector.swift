import Foundation

/// `collect log-analytics`: runs the sign-in summary query through the Log Analytics query API
/// (`GET https://api.loganalytics.io/v1/workspaces/{id}/query?query=...`, Microsoft Learn, "Log
/// Analytics query API") with the app-only token, checks the answer and writes it whole as
/// `SignInSummary.json`, which `assess` reads as a sign-in summary.
public struct LogAnalyticsCollector: Sendable {
    public static let defaultEndpoint = "https://api.loganalytics.io"
    /// The app needs read access to the workspace: the Log Analytics Reader role (Azure RBAC).
    public static let permission = "the Log Analytics Reader role on the workspace"
    public static let fileName = "SignInSummary.json"

    public var client: GraphClient
    public var endpoint: String
    public var folder: String

    public init(client: GraphClient, endpoint: String = defaultEndpoint, folder: String) {
        self.client = client
        var base = endpoint
        while base.hasSuffix("/") { base.removeLast() }
        self.endpoint = base
        self.folder = folder
    }

    /// Runs the query and writes the summary; returns its row count and path.
    public func run(workspaceID: String, query: SignInSummaryQuery, progress: CollectProgress? = nil) async throws(CollectError) -> (
        rows: Int, path: String
    ) {
        let name = "Log Analytics"
        let url =
            "\(endpoint)/v1/workspaces/\(GraphDataset.encode(workspaceID))/query?query=\(GraphDataset.encode(query.text))"
            + "&timespan=P\(query.days)D"
        let answer = try await client.get(url, dataset: name, page: 1, permission: Self.permission) { status, seconds in
            progress?.waiting(dataset: name, status: status, seconds: seconds)
        }
        let rows = try Self.check(answer.body, url: url)
        if rows >= SignInSummaryQuery.rowLimit {
            throw .malformedPage(
                dataset: name, page: 1, url: url,
                reason:
                    "\(rows) rows, the query API's limit of \(SignInSummaryQuery.rowLimit): the summary may be cut; run it for fewer days (--days)"
            )
        }
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw .output(path: folder, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        let path = (folder as NSString).appendingPathComponent(Self.fileName)
        try AtomicFile.write(answer.body, to: path)
        progress?.finished(dataset: name, pages: 1, items: rows, resumed: false)
        return (rows, path)
    }

    /// The answer's row count, after checking it is a complete `{"tables":[...]}` result with
    /// the summary's columns. A partial result carries an "error" member beside the tables
    /// (the API's PartialError); it is refused rather than read as the whole summary.
    static func check(_ body: [UInt8], url: String) throws(CollectError) -> Int {
        func problem(_ reason: String) -> CollectError { .malformedPage(dataset: "Log Analytics", page: 1, url: url, reason: reason) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw problem("not a JSON object")
        }
        if let error = object["error"] as? [String: Any] {
            throw problem("the service reports a partial result: \(error["code"] as? String ?? "") \(error["message"] as? String ?? "")")
        }
        guard let tables = object["tables"] as? [[String: Any]], let table = tables.first,
            let columns = table["columns"] as? [[String: Any]], let rows = table["rows"] as? [Any]
        else {
            throw problem("no \"tables\" with columns and rows")
        }
        let names = Set(columns.compactMap { $0["name"] as? String })
        let missing = ["UserPrincipalName", "ClientAppUsed", "SignIns", "FirstSeen"].filter { !names.contains($0) }
        guard missing.isEmpty else { throw problem("the result lacks \(missing.joined(separator: ", ")): not the sign-in summary query") }
        return rows.count
    }
}
