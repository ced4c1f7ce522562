import AuthShiftCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Dashboard

@Suite struct EditTests {
    @Test func formEditBecomesAnAuditRowUnderTheSignedInName() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            let form =
                "csrf=\(browser.csrf)&address=printer%40contoso.com&system=printer&tenant=contoso.onmicrosoft.com"
                + "&owner=Facilities&path=hve&cutover=2026-12-10&ticket=CHG-1&note=&state=owner-assigned"
            try await client.execute(uri: "/sender/edit", method: .post, headers: browser.writeHeaders(), body: ByteBuffer(string: form)) {
                response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasSuffix("&saved=1") == true)
            }
            let rows = try fixture.store.audit(tenant: nil, after: nil, limit: 100).filter { $0.origin == .edit }
            #expect(Set(rows.map(\.field)) == [.owner, .path, .cutoverDate, .ticket, .state])
            #expect(rows.allSatisfy { $0.by == "ada" && $0.sender == "printer@contoso.com" })
            try await client.execute(uri: "/audit", method: .get, headers: browser.headers) { response in
                #expect(response.body.text.contains("Facilities"))
                #expect(response.body.text.contains("CHG-1"))
            }
            // The same form again changes nothing, so no new audit rows.
            try await client.execute(uri: "/sender/edit", method: .post, headers: browser.writeHeaders(), body: ByteBuffer(string: form)) {
                response in
                #expect(response.status == .seeOther)
            }
            #expect(try fixture.store.audit(tenant: nil, after: nil, limit: 100).filter { $0.origin == .edit }.count == rows.count)
        }
    }

    @Test(arguments: [
        ("cutover=2026-02-30", "is not a date"), ("state=verified", "set by the evidence"), ("state=sleeping", "not a lifecycle state"),
        ("path=carrier-pigeon", "is not a migration path"),
    ])
    func badValuesAreExplainedWith400(field: String, message: String) async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            let form = "csrf=\(browser.csrf)&address=printer%40contoso.com&system=printer&owner=Someone&\(field)"
            try await client.execute(uri: "/sender/edit", method: .post, headers: browser.writeHeaders(), body: ByteBuffer(string: form)) {
                response in
                #expect(response.status == .badRequest)
                #expect(response.body.text.contains("Nothing was saved"))
                #expect(response.body.text.contains(message))
            }
            #expect(try fixture.store.audit(tenant: nil, after: nil, limit: 100).allSatisfy { $0.origin != .edit })
        }
    }

    @Test func apiPatchEditsAndReturnsTheAuditRows() async throws {
        let fixture = try DashboardFixture()
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            var headers = browser.writeHeaders(json: true)
            headers[Guard.csrfHeader] = browser.csrf
            try await client.execute(
                uri: "/api/v1/sender", method: .patch, headers: headers,
                body: ByteBuffer(
                    string: #"{"address":"printer@contoso.com","system":"printer","owner":"Facilities","cutoverDate":"2026-12-01"}"#)
            ) { response in
                #expect(response.status == .ok)
                let rows = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
                // owner and cutover date, and the state an owner moves a discovered sender to.
                #expect(Set(rows.compactMap { $0["field"] as? String }) == ["owner", "cutover_date", "state"])
                #expect(rows.allSatisfy { $0["by"] as? String == "ada" })
            }
            try await client.execute(
                uri: "/api/v1/sender", method: .patch, headers: headers,
                body: ByteBuffer(string: #"{"address":"printer@contoso.com","cutoverDate":"soon"}"#)
            ) { response in #expect(response.status == .badRequest) }
            try await client.execute(
                uri: "/api/v1/sender", method: .patch, headers: headers,
                body: ByteBuffer(string: #"{"address":"nobody@contoso.com","owner":"x"}"#)
            ) { response in #expect(response.status == .notFound) }
        }
    }
}
