import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Dashboard

/// A stand-in for the Entra ID sign-in: a code names the person and role; the state must match.
struct FakeTeamSignIn: TeamSignIn {
    struct Refused: Error {}

    func begin() async throws -> URL { URL(string: "https://login.example/authorize?state=s1")! }

    func complete(code: String, state: String) async throws -> DashboardUser {
        guard state == "s1" else { throw Refused() }
        switch code {
        case "viewer": return DashboardUser(name: "Vera Viewer", role: .viewer)
        case "editor": return DashboardUser(name: "Ed Editor", role: .editor)
        default: throw Refused()
        }
    }
}

@Suite struct TeamModeTests {
    func signIn(_ client: some TestClientProtocol, code: String) async throws -> Browser {
        let started: HTTPFields = [.cookie: "\(SignInRoutes.stateCookieName)=s1"]
        let cookie = try await client.execute(uri: "/signin/callback?code=\(code)&state=s1", method: .get, headers: started) { response in
            #expect(response.status == .seeOther)
            return String(try #require(response.headers[.setCookie]).split(separator: ";")[0])
        }
        return try await Browser.withCookie(client, cookie)
    }

    @Test func signInGoesToTheProviderAndPagesRedirectThere() async throws {
        let fixture = try DashboardFixture(auth: .team(FakeTeamSignIn()))
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/signin", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "https://login.example/authorize?state=s1")
                #expect(
                    response.headers[.setCookie] == "\(SignInRoutes.stateCookieName)=s1; Path=/signin; HttpOnly; SameSite=Lax; Max-Age=600")
            }
            try await client.execute(uri: "/senders", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/signin")
            }
            try await client.execute(uri: "/signin/callback?code=editor&state=wrong", method: .get) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.setCookie] == nil)
            }
        }
    }

    /// A callback must come back to the browser that began the sign-in (its state cookie), and an
    /// error answer from the provider is explained, with no session.
    @Test func theCallbackNeedsTheBrowserThatBeganAndExplainsAnError() async throws {
        let fixture = try DashboardFixture(auth: .team(FakeTeamSignIn()))
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/signin/callback?code=editor&state=s1", method: .get) { response in
                #expect(response.status == .forbidden, "no state cookie: a sign-in begun in another browser")
                #expect(response.headers[.setCookie] == nil)
                #expect(response.body.text.contains("not started in this browser"))
            }
            let other: HTTPFields = [.cookie: "\(SignInRoutes.stateCookieName)=s2"]
            try await client.execute(uri: "/signin/callback?code=editor&state=s1", method: .get, headers: other) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.setCookie] == nil)
            }
            let started: HTTPFields = [.cookie: "\(SignInRoutes.stateCookieName)=s1"]
            let refused = "/signin/callback?state=s1&error=access_denied&error_description=AADSTS50105%3A+not+assigned+%2B1"
            try await client.execute(uri: refused, method: .get, headers: started) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.setCookie] == nil)
                #expect(response.body.text.contains("access_denied: AADSTS50105: not assigned +1"), "+ is a space, %2B a plus")
            }
        }
    }

    @Test func aViewerCannotWriteAnywhereAndAnEditorCan() async throws {
        let fixture = try DashboardFixture(auth: .team(FakeTeamSignIn()))
        try await fixture.application.test(.router) { client in
            let viewer = try await signIn(client, code: "viewer")
            let form = "csrf=\(viewer.csrf)&address=scanner%40contoso.com&system=scanner&owner=Mallory"
            try await client.execute(uri: "/sender/edit", method: .post, headers: viewer.writeHeaders(), body: ByteBuffer(string: form)) {
                response in
                #expect(response.status == .forbidden)
            }
            var api = viewer.writeHeaders(json: true)
            api[Guard.csrfHeader] = viewer.csrf
            try await client.execute(
                uri: "/api/v1/sender", method: .patch, headers: api,
                body: ByteBuffer(string: #"{"address":"scanner@contoso.com","system":"scanner","owner":"Mallory"}"#)
            ) { response in #expect(response.status == .forbidden) }
            try await client.execute(uri: "/sender?address=scanner%40contoso.com&system=scanner", method: .get, headers: viewer.headers) {
                response in
                #expect(response.status == .ok)
                #expect(!response.body.text.contains("action=\"/sender/edit\""), "a viewer gets no edit form")
            }
            #expect(try fixture.store.audit(tenant: nil, after: nil, limit: 100).allSatisfy { $0.origin != .edit })

            let editor = try await signIn(client, code: "editor")
            let good = "csrf=\(editor.csrf)&address=scanner%40contoso.com&system=scanner&owner=Team+Print"
            try await client.execute(uri: "/sender/edit", method: .post, headers: editor.writeHeaders(), body: ByteBuffer(string: good)) {
                response in
                #expect(response.status == .seeOther)
            }
            let audit = try fixture.store.audit(tenant: nil, after: nil, limit: 100).filter { $0.origin == .edit }
            #expect(!audit.isEmpty && audit.allSatisfy { $0.by == "Ed Editor" })
            #expect(audit.contains { $0.field == .owner && $0.newValue == "Team Print" })
        }
    }
}
