import Hummingbird

/// The stylesheet, the script and `/healthz`, served without a session (they hold nothing
/// private); assets may be cached for an hour.
struct AssetRoutes {
    func add(to router: Router<DashboardContext>) {
        router.get("/assets/dashboard.css") { _, _ in Self.asset(Stylesheet.css, type: "text/css; charset=utf-8") }
        router.get("/assets/dashboard.js") { _, _ in Self.asset(Script.js, type: "text/javascript; charset=utf-8") }
        router.get("/assets/favicon.svg") { _, _ in Self.asset(Self.favicon, type: "image/svg+xml") }
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
    }

    /// A small mark for the browser tab (and so browsers ask for no /favicon.ico).
    static let favicon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#12324f"/>\
        <path d="M3 11 L8 4 L13 11" fill="none" stroke="#fff" stroke-width="2"/></svg>
        """

    static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "private, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
