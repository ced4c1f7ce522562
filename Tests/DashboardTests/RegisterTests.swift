import AuthShiftCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Dashboard

@Suite struct RegisterTests {
    /// 120 senders: every third on OAuth, rings by tens, so filters and pages have known answers.
    static func manySenders() -> [SenderRow] {
        (0..<120).map { i in
            DashboardFixture.sender(
                String(format: "dev%03d@contoso.com", i), i % 3 == 0 ? .oauth : .basic, system: "system-\(i % 4)", ring: "ring-\(i / 40)")
        }
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func apiPagesAndFiltersInTheStore() async throws {
        let fixture = try DashboardFixture(senders: Self.manySenders())
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            try await client.execute(
                uri: "/api/v1/senders?basic=yes&ring=ring-1&limit=10&offset=20", method: .get, headers: browser.headers
            ) {
                let page = try json($0)
                let rows = try #require(page["rows"] as? [[String: Any]])
                // ring-1 is senders 40..<80; Basic are those not divisible by 3: 27 of them.
                #expect(page["total"] as? Int == 27)
                #expect(rows.count == 7)
                #expect(rows.allSatisfy { $0["basic"] as? Bool == true && $0["ring"] as? String == "ring-1" })
                let expected = (40..<80).filter { $0 % 3 != 0 }.map { String(format: "dev%03d@contoso.com", $0) }
                #expect(rows.map { $0["sender"] as? String ?? "" } == Array(expected[20...]))
            }
            try await client.execute(uri: "/api/v1/senders?q=dev11&sort=sender&order=desc", method: .get, headers: browser.headers) {
                let rows = try #require(try json($0)["rows"] as? [[String: Any]])
                #expect(
                    rows.map { $0["sender"] as? String ?? "" } == (110..<120).reversed().map { String(format: "dev%03d@contoso.com", $0) })
            }
            for bad in ["state=nonsense", "basic=maybe", "limit=0", "offset=-1", "sort=colour", "path=carrier-pigeon"] {
                try await client.execute(uri: "/api/v1/senders?\(bad)", method: .get, headers: browser.headers) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                    let body = try json(response)
                    #expect(body["error"] is String)
                }
            }
        }
    }

    @Test func pageShowsOnePageWithLinksThatKeepTheFilter() async throws {
        let fixture = try DashboardFixture(senders: Self.manySenders())
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            try await client.execute(uri: "/senders?basic=yes", method: .get, headers: browser.headers) { response in
                let html = response.body.text
                #expect(html.contains("1–50 of 80"))
                #expect(html.components(separatedBy: "<tr>").count - 1 == 51, "a header row and 50 rows")
                #expect(html.contains("href=\"/senders?basic=yes&amp;offset=50\""))
                #expect(html.contains("href=\"/senders?basic=yes&amp;format=csv\""))
            }
        }
    }

    @Test func csvDownloadIsTheWholeFilterNotOnePage() async throws {
        let fixture = try DashboardFixture(senders: Self.manySenders())
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            try await client.execute(uri: "/senders?basic=yes&format=csv", method: .get, headers: browser.headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"senders.csv\"")
                let lines = response.body.text.split(separator: "\r\n")
                #expect(lines.count == 81)
                #expect(lines.dropFirst().allSatisfy { $0.contains(",yes,") })
                let expected = (0..<120).filter { $0 % 3 != 0 }.map { String(format: "dev%03d@contoso.com", $0) }
                #expect(lines.dropFirst().map { String($0.split(separator: ",")[0]) } == expected)
            }
            try await client.execute(uri: "/senders?ring=ring-2&format=xlsx", method: .get, headers: browser.headers) { response in
                let sheet = try XLSXReading.sheet(Data(buffer: response.body))
                #expect(sheet.components(separatedBy: "<row ").count - 1 == 41)
            }
            try await client.execute(uri: "/senders?format=pdf", method: .get, headers: browser.headers) { response in
                #expect(response.status == .badRequest)
            }
        }
    }
}
