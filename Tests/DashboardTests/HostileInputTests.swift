import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Workspace

@testable import Dashboard

/// Requests an attacker (or a confused browser) sends: each gets a 400 and changes nothing, and
/// the server keeps serving. Found by trying to break `serve` as an attacker would.
@Suite struct HostileInputTests {
    /// A huge offset once overflowed the pager's arithmetic and stopped the whole server; another
    /// site could trigger it with a link (the session cookie is SameSite=Lax).
    @Test(arguments: ["/senders", "/mailboxes", "/api/v1/senders"])
    func aHugeOrNegativeOffsetIsA400AndTheServerStaysUp(_ path: String) async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            for offset in ["9223372036854775807", "1000000001", "-1", "1e3"] {
                try await client.execute(uri: "\(path)?offset=\(offset)", method: .get, headers: browser.headers) { response in
                    #expect(response.status == .badRequest, "\(path)?offset=\(offset)")
                }
            }
            try await client.execute(uri: "\(path)?offset=1000000000", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok, "the largest offset allowed shows an empty page")
            }
        }
    }

    /// Malformed percent-encoding used to read as an empty value and clear the field it named.
    @Test func malformedPercentEncodingChangesNothing() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            let set = "csrf=\(browser.csrf)&address=scanner%40contoso.com&system=scanner&owner=Team+Print"
            try await client.execute(uri: "/sender/edit", method: .post, headers: browser.writeHeaders(), body: ByteBuffer(string: set)) {
                #expect($0.status == .seeOther)
            }
            let bad = "csrf=\(browser.csrf)&address=scanner%40contoso.com&system=scanner&owner=%E9t%E9&note=%ff"
            try await client.execute(uri: "/sender/edit", method: .post, headers: browser.writeHeaders(), body: ByteBuffer(string: bad)) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/senders?q=%ZZ", method: .get, headers: browser.headers) {
                #expect($0.status == .badRequest)
            }
            let owner = try fixture.store.sender(SenderSelector(sender: "scanner@contoso.com", system: "scanner")).summary.owner
            #expect(owner == "Team Print")
        }
    }

    /// SQLite's C strings end at NUL: a value holding one would be stored cut short, silently.
    @Test func aControlCharacterInAValueIsRefusedNotCut() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            var headers = browser.writeHeaders(json: true)
            headers[Guard.csrfHeader] = browser.csrf
            let body = #"{"address":"scanner@contoso.com","system":"scanner","note":"keep\u0000HIDDEN-tail"}"#
            try await client.execute(uri: "/api/v1/sender", method: .patch, headers: headers, body: ByteBuffer(string: body)) {
                #expect($0.status == .badRequest)
            }
            let form = "csrf=\(browser.csrf)&address=scanner%40contoso.com&system=scanner&owner=a%00b"
            try await client.execute(uri: "/sender/edit", method: .post, headers: browser.writeHeaders(), body: ByteBuffer(string: form)) {
                #expect($0.status == .badRequest)
            }
            #expect(try fixture.store.audit(tenant: nil, after: nil, limit: 100).allSatisfy { $0.origin != .edit })
        }
        #expect(throws: WorkspaceError.self) { try SenderEdit(.note, "line one\u{7}") }
        #expect(try SenderEdit(.note, "line one\nline two\tindented").value == "line one\nline two\tindented")
    }
}
