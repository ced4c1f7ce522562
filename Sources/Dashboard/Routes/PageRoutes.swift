import AuthShiftCore
import Foundation
import Hummingbird
import Reports
import Workspace

/// The HTML pages (GET only). Each table page answers `?format=csv|xlsx` with its table for the
/// current filter instead of the page.
struct PageRoutes {
    let reader: WorkspaceReader
    let today: @Sendable () -> CalendarDay

    func add(to router: Router<DashboardContext>) {
        router.get("/") { _, context in try await overview(context) }
        router.get("/senders") { request, context in try await senders(request, context) }
        router.get("/sender") { request, context in try await sender(request, context) }
        router.get("/mailboxes") { request, context in try await mailboxes(request, context) }
        router.get("/exceptions") { request, context in try await fromRegisters(request, context, title: "Exceptions", exceptions) }
        router.get("/rings") { request, context in try await fromRegisters(request, context, title: "Rings", rings) }
        router.get("/automation") { request, context in try await fromRegisters(request, context, title: "Automation", automation) }
        router.get("/scripts") { request, context in try await fromRegisters(request, context, title: "Scripts", scripts) }
        router.get("/audit") { request, context in try await audit(request, context) }
    }

    func overview(_ context: DashboardContext) async throws -> Response {
        let session = try Guard.reader(context)
        let (status, progress) = try await reader.run { store in
            (try store.status(tenant: nil), try MigrationProgress.from(store, tenant: nil))
        }
        return Respond.html(
            Layout.page(title: "Overview", session: session, body: OverviewPage.html(status: status, progress: progress, today: today())))
    }

    func senders(_ request: Request, _ context: DashboardContext) async throws -> Response {
        let session = try Guard.reader(context)
        let filter = try SenderFilter(request)
        let query = filter.query
        if let format = try request.query("format") {
            return try Respond.download(RegisterPage.table(try await SenderFilter.all(query, reader: reader)), format: format)
        }
        let (page, tenants) = try await reader.run { store in (try store.senders(query), try store.tenants()) }
        return Respond.html(
            Layout.page(title: "Senders", session: session, body: RegisterPage.html(page, filter: filter, tenants: tenants)))
    }

    func sender(_ request: Request, _ context: DashboardContext) async throws -> Response {
        let session = try Guard.reader(context)
        let selector = try Self.selector(
            address: try request.query("address"), system: try request.query("system"), tenant: try request.query("tenant"))
        let detail = try await reader.run { try $0.sender(selector) }
        let notice: HTML = try request.query("saved") != nil ? "<p class=\"notice\" role=\"status\">Saved.</p>" : ""
        return Respond.html(
            Layout.page(
                title: detail.summary.sender, session: session, body: SenderDetailPage.html(detail, session: session, message: notice)))
    }

    static func selector(address: String?, system: String?, tenant: String?) throws -> SenderSelector {
        guard let address else {
            throw PageError(.badRequest, "Which sender? Give address (and system and tenant when it is used on several).")
        }
        return SenderSelector(sender: address, system: system, tenant: tenant)
    }

    func mailboxes(_ request: Request, _ context: DashboardContext) async throws -> Response {
        let session = try Guard.reader(context)
        let tenants = try await reader.run { try $0.tenants() }
        guard let tenant = try request.query("tenant") ?? tenants.first else {
            return Respond.html(Layout.page(title: "Mailboxes", session: session, body: "<p>No run is stored yet.</p>"))
        }
        let search = try request.query("q")
        let offset = try SenderFilter.offset(try request.query("offset"))
        if let format = try request.query("format") {
            var rows: [MailboxRow] = []
            while true {
                let from = rows.count
                let page = try await reader.run { try $0.mailboxes(tenant: tenant, search: search, offset: from, limit: 10_000) }
                rows += page.rows
                if page.rows.isEmpty || rows.count >= page.total { break }
            }
            return try Respond.download(MailboxesPage.table(rows), format: format)
        }
        let size = SenderFilter.pageSize
        let page = try await reader.run { try $0.mailboxes(tenant: tenant, search: search, offset: offset, limit: size) }
        return Respond.html(
            Layout.page(
                title: "Mailboxes", session: session,
                body: MailboxesPage.html(page, tenant: tenant, tenants: tenants, search: search, pageSize: size)))
    }

    func audit(_ request: Request, _ context: DashboardContext) async throws -> Response {
        let session = try Guard.reader(context)
        let tenant = try request.query("tenant")
        let rows = try await reader.run { try $0.audit(tenant: tenant, after: nil, limit: 1_000) }
        let table = AuditPage.table(rows)
        if let format = try request.query("format") { return try Respond.download(table, format: format) }
        let body: HTML =
            "<p>The newest 1,000 changes.</p>" + DownloadLinks.html(path: "/audit", query: [("tenant", tenant)]) + table.html(id: "audit")
        return Respond.html(Layout.page(title: "Audit", session: session, body: body))
    }

    /// A page whose one table is made from the latest run's register of each tenant.
    func fromRegisters(
        _ request: Request, _ context: DashboardContext, title: String,
        _ makeTable: ([(tenant: String, run: Int64, register: Register)]) -> DataTable
    ) async throws -> Response {
        let session = try Guard.reader(context)
        let tenant = try request.query("tenant")
        let table = makeTable(try await reader.latestRegisters(tenant: tenant))
        if let format = try request.query("format") { return try Respond.download(table, format: format) }
        let path = request.uri.path
        let body: HTML =
            "<p>From the latest run of each tenant.</p>" + DownloadLinks.html(path: path, query: [("tenant", tenant)])
            + table.html(id: table.name)
        return Respond.html(Layout.page(title: title, session: session, body: body))
    }

    func exceptions(_ registers: [(tenant: String, run: Int64, register: Register)]) -> DataTable {
        ExceptionsPage.table(registers.flatMap { r in (r.register.exceptions ?? []).map { (r.tenant, $0) } }, today: today())
    }

    func rings(_ registers: [(tenant: String, run: Int64, register: Register)]) -> DataTable {
        RingsPage.table(registers.flatMap { r in RingsPage.statuses(r.register).map { (r.tenant, $0) } })
    }

    func automation(_ registers: [(tenant: String, run: Int64, register: Register)]) -> DataTable {
        AutomationPage.automation(registers.flatMap { r in r.register.automation.map { (r.tenant, $0) } })
    }

    func scripts(_ registers: [(tenant: String, run: Int64, register: Register)]) -> DataTable {
        AutomationPage.scripts(registers.flatMap { r in (r.register.scripts ?? []).map { (r.tenant, $0) } })
    }
}
