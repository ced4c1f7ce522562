import Hummingbird

/// The stylesheet, the script and `/healthz`, served without a session (they hold nothing
/// private); assets may be cached for an hour.
struct AssetRoutes {
    func add(to router: Router<DashboardContext>) {
        router.get("/assets/dashboard.css") { _, _ in Self.asset(Stylesheet.css, type: "text/css; charset=utf-8") }
        router.get("/assets/dashboard.js") { _, _ in Self.asset(Script.js, type: "text/javascript; charset=utf-8") }
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "private, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
