import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Dashboard

@Suite struct SecurityTests {
    static let pages = [
        "/", "/senders", "/senders?q=script", "/audit", "/exceptions", "/rings", "/automation", "/scripts", "/mailboxes",
    ]

    @Test func securityHeadersOnEveryResponseErrorsIncluded() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            for uri in Self.pages + ["/assets/dashboard.css", "/assets/dashboard.js", "/healthz", "/nowhere", "/sender?address=nobody%40x"]
            {
                try await client.execute(uri: uri, method: .get, headers: browser.headers) { response in
                    let csp = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                    #expect(
                        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"))
                    #expect(!csp.contains("unsafe-inline"))
                    #expect(response.headers[SecurityHeadersMiddleware.referrerPolicy] == "no-referrer")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                }
            }
            try await client.execute(uri: "/senders", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentSecurityPolicy] != nil)
            }
        }
    }

    @Test func pagesHaveNoInlineScriptOrStyle() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            for uri in Self.pages + ["/sender?address=scanner%40contoso.com&system=scanner"] {
                try await client.execute(uri: uri, method: .get, headers: browser.headers) { response in
                    #expect(response.status == .ok, "\(uri)")
                    let html = response.body.text
                    #expect(html.components(separatedBy: "<script").count - 1 == 1, "\(uri): only the one external script")
                    #expect(html.contains("<script src=\"/assets/dashboard.js\" defer></script>"))
                    #expect(!html.contains("style=") && !html.contains("<style") && !html.contains(" onclick="), "\(uri)")
                }
            }
        }
    }

    /// Attacker-controlled values (sender address, system, owner, note, ticket, evidence) render
    /// as text on every page, in the CSV and in the XLSX.
    @Test func storedScriptAndImagePayloadsRenderInert() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            let form = [
                "csrf=\(browser.csrf)", "address=scanner%40contoso.com", "system=scanner",
                "owner=\(formEncode(DashboardFixture.xssScript))", "note=\(formEncode(DashboardFixture.xssImage))",
                "ticket=\(formEncode("=HYPERLINK(\"http://evil\")"))",
            ].joined(separator: "&")
            try await client.execute(uri: "/sender/edit", method: .post, headers: browser.writeHeaders(), body: ByteBuffer(string: form)) {
                response in
                #expect(response.status == .seeOther)
            }
            let evil =
                "/sender?address=\(formEncode(DashboardFixture.xssScript + "@contoso.com"))&system=\(formEncode(DashboardFixture.xssImage))"
            for uri in Self.pages + [
                "/sender?address=scanner%40contoso.com&system=scanner", evil, "/senders?owner=\(formEncode(DashboardFixture.xssScript))",
            ] {
                try await client.execute(uri: uri, method: .get, headers: browser.headers) { response in
                    #expect(response.status == .ok, "\(uri)")
                    let html = response.body.text
                    #expect(!html.contains("<script>alert"), "\(uri)")
                    #expect(!html.contains("<img src=x"), "\(uri)")
                    #expect(!html.contains("\"><img"), "\(uri)")
                }
            }
            try await client.execute(uri: "/senders", method: .get, headers: browser.headers) { response in
                #expect(response.body.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(response.body.text.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
            }
            try await client.execute(uri: "/senders?format=csv", method: .get, headers: browser.headers) { response in
                let csv = response.body.text
                #expect(csv.contains("<script>alert(1)</script>"), "CSV keeps the value as data")
                #expect(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), "formula defused with an apostrophe")
                #expect(!csv.contains(",=HYPERLINK"))
            }
            try await client.execute(uri: "/senders?format=xlsx", method: .get, headers: browser.headers) { response in
                let sheet = try XLSXReading.sheet(Data(buffer: response.body))
                #expect(sheet.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!sheet.contains("<script>"))
                #expect(!sheet.contains("<f>"), "no formula cells")
                #expect(sheet.contains("t=\"inlineStr\""))
            }
        }
    }

    /// Every table page downloads as CSV and XLSX, payloads kept as inert data.
    @Test(arguments: ["/senders", "/mailboxes", "/exceptions", "/rings", "/automation", "/scripts", "/audit"])
    func everyTableDownloads(path: String) async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            try await client.execute(uri: path, method: .get, headers: browser.headers) { response in
                #expect(response.body.text.contains("format=csv") && response.body.text.contains("format=xlsx"), "\(path)")
            }
            try await client.execute(uri: path + "?format=csv", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                #expect(response.body.text.hasPrefix("\u{FEFF}"))
            }
            try await client.execute(uri: path + "?format=xlsx", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                let sheet = try XLSXReading.sheet(Data(buffer: response.body))
                #expect(!sheet.contains("<script>") && !sheet.contains("<img"))
            }
        }
    }

    @Test func mailboxesAndExceptionsShowTheirRows() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            try await client.execute(uri: "/mailboxes?q=printer", method: .get, headers: browser.headers) { response in
                #expect(response.body.text.contains("1–1 of 1"))
                #expect(response.body.text.contains("because &lt;script&gt;"))
            }
            try await client.execute(uri: "/exceptions", method: .get, headers: browser.headers) { response in
                // 2026-11-20 (the fixture's today) to 2026-12-15.
                #expect(response.body.text.contains("<td class=\"num\">25</td>"))
                #expect(response.body.text.contains("CHG-9"))
            }
        }
    }

    @Test func htmlEscapeCoversEveryCharacterThatMatters() {
        #expect(HTML.escape("<a href=\"x\" title='y'>&</a>").text == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        let value = "<b>"
        let html: HTML = "<p>\(value)</p>"
        #expect(html.text == "<p>&lt;b&gt;</p>")
    }

    @Test func writesWithoutTheRightCSRFTokenOrOriginAreRefused() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            let base = "address=scanner%40contoso.com&system=scanner&owner=Mallory"
            let attempts: [(String, HTTPFields)] = [
                (base, browser.writeHeaders()),
                (base + "&csrf=wrong", browser.writeHeaders()),
                (base + "&csrf=", browser.writeHeaders()),
                (base + "&csrf=\(browser.csrf)", browser.writeHeaders(origin: "http://evil.example")),
                (base + "&csrf=\(browser.csrf)", browser.writeHeaders(origin: nil)),
                (base + "&csrf=\(browser.csrf)", browser.writeHeaders(origin: "null")),
                (base + "&csrf=\(browser.csrf)", browser.writeHeaders(origin: "null", fetchSite: "cross-site")),
                (base + "&csrf=\(browser.csrf)", browser.writeHeaders(origin: "http://evil.example", fetchSite: "same-origin")),
            ]
            for (body, headers) in attempts {
                try await client.execute(uri: "/sender/edit", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .forbidden, "\(body) \(headers[.origin] ?? "no origin")")
                }
            }
            var api = browser.writeHeaders(json: true)
            try await client.execute(
                uri: "/api/v1/sender", method: .patch, headers: api,
                body: ByteBuffer(string: #"{"address":"scanner@contoso.com","owner":"M"}"#)
            ) { response in #expect(response.status == .forbidden) }
            api[Guard.csrfHeader] = "wrong"
            try await client.execute(
                uri: "/api/v1/sender", method: .patch, headers: api,
                body: ByteBuffer(string: #"{"address":"scanner@contoso.com","owner":"M"}"#)
            ) { response in #expect(response.status == .forbidden) }
            try await client.execute(
                uri: "/signout", method: .post, headers: browser.writeHeaders(), body: ByteBuffer(string: "csrf=wrong")
            ) { response in #expect(response.status == .forbidden) }
            #expect(try fixture.store.audit(tenant: nil, after: nil, limit: 100).allSatisfy { $0.origin != .edit })
        }
    }

    /// Chromium sends `Origin: null` for a same-page form under `Referrer-Policy: no-referrer`;
    /// its Fetch Metadata says same-origin, which a page cannot forge.
    @Test func aNullOriginIsAcceptedOnlyWithSameOriginFetchMetadata() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            let body = "csrf=\(browser.csrf)&address=scanner%40contoso.com&system=scanner&owner=Print+Team"
            try await client.execute(
                uri: "/sender/edit", method: .post, headers: browser.writeHeaders(origin: "null", fetchSite: "same-origin"),
                body: ByteBuffer(string: body)
            ) { response in #expect(response.status == .seeOther) }
        }
    }

    @Test func accessLogHasOneJSONLinePerRequestAndNoSecrets() async throws {
        let fixture = try DashboardFixture()
        let token = try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            try await client.execute(uri: "/senders?q=secret-search", method: .get, headers: browser.headers) { _ in }
            return browser.csrf
        }
        let lines = fixture.log.all
        #expect(lines.count == 3)
        for line in lines {
            let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(json?["status"] is Int && json?["path"] is String && json?["method"] is String)
            #expect(
                !line.contains("token") && !line.contains(token) && !line.contains("authshift_session") && !line.contains("secret-search"))
        }
        #expect(lines.last?.contains("\"user\":\"ada\"") == true)
    }
}
