import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Dashboard

@Suite struct SignInTests {
    @Test func oneTimeLinkWorksOnceAndSetsASafeCookie() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let token = await fixture.sessions.issueOneTimeToken()
            try await client.execute(uri: "/signin?token=\(token)", method: .get) { response in
                #expect(response.status == .seeOther)
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
                #expect(!cookie.contains("Secure"), "no TLS here")
            }
            try await client.execute(uri: "/signin?token=\(token)", method: .get) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.setCookie] == nil)
                #expect(response.body.text.contains("works once"))
            }
            try await client.execute(uri: "/signin?token=made-up", method: .get) { response in #expect(response.status == .forbidden) }
        }
    }

    @Test func pagesAndAPINeedASession() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            for uri in ["/", "/senders", "/audit", "/api/v1/senders", "/api/v1/status"] {
                try await client.execute(uri: uri, method: .get) { response in #expect(response.status == .unauthorized, "\(uri)") }
            }
            try await client.execute(uri: "/senders", method: .get, headers: [.cookie: "authshift_session=forged"]) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
        }
    }

    @Test func secureCookieUnderTLS() {
        let routes = SignInRoutes(
            auth: .loopback(user: DashboardUser(name: "a", role: .editor)), sessions: SessionStore(), secureCookies: true)
        #expect(routes.cookie("x", maxAge: nil).contains("; Secure"))
    }

    @Test func signOutEndsTheSession() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            try await client.execute(
                uri: "/signout", method: .post, headers: browser.writeHeaders(), body: ByteBuffer(string: "csrf=\(browser.csrf)")
            ) { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/", method: .get, headers: browser.headers) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func nonLoopbackListenWithoutTeamModeIsRefused() throws {
        for host in ["0.0.0.0", "192.168.1.10", "::", "dashboard.example.com"] {
            let configuration = DashboardConfiguration(
                listen: ListenAddress(host: host, port: 8080), auth: .loopback(user: DashboardUser(name: "a", role: .editor)))
            #expect(throws: DashboardError.self) { try configuration.validate() }
        }
        for host in ["127.0.0.1", "::1", "localhost"] {
            let configuration = DashboardConfiguration(
                listen: ListenAddress(host: host, port: 8080), auth: .loopback(user: DashboardUser(name: "a", role: .editor)))
            try configuration.validate()
        }
        let team = DashboardConfiguration(listen: ListenAddress(host: "0.0.0.0", port: 443), auth: .team(FakeTeamSignIn()))
        try team.validate()
    }

    @Test func listenAddressesParse() {
        #expect(ListenAddress("127.0.0.1:8080") == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(ListenAddress("[::1]:0") == ListenAddress(host: "::1", port: 0))
        #expect(ListenAddress("[::1]:0")?.isLoopback == true)
        for bad in ["127.0.0.1", "::1:80", "host:99999", ":80", "[::1]80"] { #expect(ListenAddress(bad) == nil, "\(bad)") }
    }

    /// A connection that sends half a request and stops is closed at the idle limit, so such
    /// sockets cannot pile up until the server has no file descriptor left.
    @Test func aHalfSentRequestIsClosedAtTheIdleLimit() async throws {
        let fixture = try DashboardFixture()
        var configuration = DashboardConfiguration(listen: ListenAddress(host: "127.0.0.1", port: 0), auth: fixture.configuration.auth)
        configuration.idleTimeout = .seconds(1)
        let app = try DashboardApplication.build(store: fixture.store, configuration: configuration, sessions: fixture.sessions)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let closed = try await Task.detached { try HalfSentRequest.closedWithin(seconds: 20, port: port) }.value
            #expect(closed != nil && closed! >= 0.9, "closed after \(closed.map { "\($0) s" } ?? "never")")
        }
    }

    @Test func liveServerOnAFreeLoopbackPort() async throws {
        let fixture = try DashboardFixture()
        let configuration = DashboardConfiguration(listen: ListenAddress(host: "127.0.0.1", port: 0), auth: fixture.configuration.auth)
        let app = try DashboardApplication.build(store: fixture.store, configuration: configuration, sessions: fixture.sessions)
        try await app.test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.body.text == "ok\n")
            }
        }
    }
}
