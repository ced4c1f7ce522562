import Foundation
import Hummingbird
import HummingbirdTesting
import OpenIDConnect
import Testing
import Workspace

@testable import Dashboard

/// Team mode end to end: the dashboard's routes, `EntraTeamSignIn`, and the loopback OpenID Connect
/// provider (its own keys, discovery document and PKCE-checking token endpoint). The browser's part
/// is played by the test: follow /signin to the provider, bring the code back to the callback with
/// the state cookie /signin set.
@Suite struct DashboardTeamSignInTests {
    static let origin = "http://localhost"

    struct Dashboard {
        let harness: SignInHarness
        let application: Application<RouterResponder<DashboardContext>>

        init(_ harness: SignInHarness) throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authshift-team-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let store = try SQLiteWorkspaceStore.create(folder: folder)
            let configuration = DashboardConfiguration(auth: .team(EntraTeamSignIn(signIn: try harness.signIn())), accessLog: { _ in })
            self.harness = harness
            application = Application(
                router: DashboardApplication.router(
                    reader: WorkspaceReader(store: store), configuration: configuration, sessions: SessionStore()))
        }
    }

    /// Signs in through the provider; returns the callback's status and the session cookie it set.
    static func signIn(_ client: some TestClientProtocol, _ harness: SignInHarness) async throws -> (HTTPResponse.Status, String?) {
        let (location, started) = try await client.execute(uri: "/signin", method: .get) { response in
            #expect(response.status == .seeOther)
            return (
                try #require(response.headers[.location]), String(try #require(response.headers[.setCookie]).split(separator: ";")[0])
            )
        }
        let (code, state) = try await harness.authorize(try #require(URL(string: location)))
        let callback = "/signin/callback?code=\(code)&state=\(state)"
        return try await client.execute(uri: callback, method: .get, headers: [.cookie: started]) { response in
            let session = response.headers[values: .setCookie].first { $0.hasPrefix(SessionMiddleware.cookieName + "=") }
            return (response.status, session.map { String($0.split(separator: ";")[0]) })
        }
    }

    static func session(_ client: some TestClientProtocol, _ cookie: String) async throws -> [String: Any] {
        try await client.execute(uri: "/api/v1/session", method: .get, headers: [.cookie: cookie]) { response in
            #expect(response.status == .ok)
            return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        }
    }

    static func postEdit(_ client: some TestClientProtocol, _ cookie: String, csrf: String) async throws -> HTTPResponse.Status {
        let form = "csrf=\(csrf)&address=scanner%40contoso.com&system=scanner&owner=Mallory"
        let headers: HTTPFields = [.cookie: cookie, .origin: origin, .contentType: "application/x-www-form-urlencoded"]
        return try await client.execute(uri: "/sender/edit", method: .post, headers: headers, body: ByteBuffer(string: form)) { $0.status }
    }

    @Test func aViewerSignsInWithEntraIDAndCanChangeNothing() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        let dashboard = try Dashboard(harness)
        try await dashboard.application.test(.router) { client in
            let (status, cookie) = try await Self.signIn(client, harness)
            #expect(status == .seeOther)
            let session = try await Self.session(client, try #require(cookie))
            #expect(session["role"] as? String == "viewer")
            #expect((session["name"] as? String)?.contains("adele.vance@contoso.example") == true, "\(session)")
            #expect(
                try await Self.postEdit(client, try #require(cookie), csrf: try #require(session["csrfToken"] as? String)) == .forbidden)
        }
    }

    @Test func anEditorSignsInAndPassesTheWriteCheck() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        harness.provider.locked { harness.provider.roles = ["Editor"] }
        let dashboard = try Dashboard(harness)
        try await dashboard.application.test(.router) { client in
            let (status, cookie) = try await Self.signIn(client, harness)
            #expect(status == .seeOther)
            let session = try await Self.session(client, try #require(cookie))
            #expect(session["role"] as? String == "editor")
            // The workspace is empty: the write passes the role, Origin and CSRF checks and then
            // finds no such sender.
            let written = try await Self.postEdit(client, try #require(cookie), csrf: try #require(session["csrfToken"] as? String))
            #expect(written == .notFound, "\(written)")
        }
    }

    /// Forged or unusable tokens end the sign-in with 403 and no session cookie.
    @Test(arguments: [
        IDTokenForgeryTests.Forgery.signedByAnotherKey, .wrongAudience, .expired, .algorithmNone, .wrongIssuer,
    ])
    func aForgedTokenStartsNoSession(_ forgery: IDTokenForgeryTests.Forgery) async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        harness.provider.locked { harness.provider.edit = { forgery.apply(&$0) } }
        let dashboard = try Dashboard(harness)
        try await dashboard.application.test(.router) { client in
            let (status, cookie) = try await Self.signIn(client, harness)
            #expect(status == .forbidden)
            #expect(cookie == nil)
        }
    }

    @Test func aPersonWithoutAnAppRoleIsRefused() async throws {
        let harness = try await SignInHarness.start()
        defer { Task { await harness.provider.stop() } }
        harness.provider.locked { harness.provider.roles = [] }
        let dashboard = try Dashboard(harness)
        try await dashboard.application.test(.router) { client in
            let (status, cookie) = try await Self.signIn(client, harness)
            #expect(status == .forbidden)
            #expect(cookie == nil)
        }
    }
}
