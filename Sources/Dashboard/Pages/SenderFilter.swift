import AuthShiftCore
import Hummingbird
import Workspace

/// The register's filter, read from the query string (the page and the API share it) and
/// turned into the store's `SenderQuery`, so filtering and paging happen in SQL.
struct SenderFilter {
    static let pageSize = 50
    static let maxPageSize = 1_000

    var query: SenderQuery
    var pageSize: Int

    init(_ request: Request) throws {
        var q = SenderQuery()
        q.tenant = try request.query("tenant")
        if let state = try request.query("state") {
            guard let parsed = LifecycleState(rawValue: state) else {
                throw PageError(
                    .badRequest,
                    "\"\(state)\" is not a lifecycle state; use one of \(LifecycleState.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            q.state = parsed
        }
        if let path = try request.query("path") {
            guard MigrationPath(rawValue: path) != nil else {
                throw PageError(
                    .badRequest,
                    "\"\(path)\" is not a migration path; use one of \(MigrationPath.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            q.path = path
        }
        q.owner = try request.query("owner")
        q.ring = try request.query("ring")
        switch try request.query("basic") {
        case nil: break
        case "yes", "true": q.basic = true
        case "no", "false": q.basic = false
        case let other?: throw PageError(.badRequest, "basic must be yes or no, not \"\(other)\".")
        }
        q.search = try request.query("q")
        if let sort = try request.query("sort") {
            guard let parsed = SenderQuery.Sort(rawValue: sort) else {
                throw PageError(.badRequest, "sort must be one of \(SenderQuery.Sort.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            q.sort = parsed
        }
        q.descending = try request.query("order") == "desc"
        pageSize = Self.pageSize
        if let size = try request.query("limit") {
            guard let n = Int(size), (1...Self.maxPageSize).contains(n) else {
                throw PageError(.badRequest, "limit must be a number from 1 to \(Self.maxPageSize).")
            }
            pageSize = n
        }
        q.offset = try Self.offset(try request.query("offset"))
        q.limit = pageSize
        query = q
    }

    /// The filter as query pairs (without paging), for links that keep it.
    var pairs: [(String, String?)] {
        [
            ("tenant", query.tenant), ("state", query.state?.rawValue), ("path", query.path), ("owner", query.owner),
            ("ring", query.ring), ("basic", query.basic.map { $0 ? "yes" : "no" }), ("q", query.search),
            ("sort", query.sort == .sender ? nil : query.sort.rawValue), ("order", query.descending ? "desc" : nil),
            ("limit", pageSize == Self.pageSize ? nil : String(pageSize)),
        ]
    }

    /// Every row matching the filter, fetched in pages of the store's largest page (downloads).
    static func all(_ base: SenderQuery, reader: WorkspaceReader) async throws -> [SenderSummary] {
        var q = base
        q.offset = 0
        q.limit = 10_000
        var rows: [SenderSummary] = []
        while true {
            let query = q
            let page = try await reader.run { try $0.senders(query) }
            rows += page.rows
            if page.rows.count < q.limit || rows.count >= page.total { return rows }
            q.offset += q.limit
        }
    }
}

extension SenderFilter {
    /// The largest row offset a page may ask for: far beyond any workspace, small enough that the
    /// pager's arithmetic (offset + rows shown) cannot overflow and stop the server.
    static let maxOffset = 1_000_000_000

    /// A page's `offset` parameter: absent is 0; anything but a number from 0 to `maxOffset` is a 400.
    static func offset(_ text: String?) throws -> Int {
        guard let text else { return 0 }
        guard let n = Int(text), (0...maxOffset).contains(n) else {
            throw PageError(.badRequest, "offset must be a number from 0 to \(maxOffset).")
        }
        return n
    }
}
