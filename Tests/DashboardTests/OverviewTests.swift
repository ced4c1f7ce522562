import AuthShiftCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Dashboard

@Suite struct OverviewTests {
    @Test func overviewHasEachTenantAndTheirSumWithLinksIntoTheRegister() async throws {
        let fixture = try DashboardFixture()
        var second = DashboardFixture.register(
            asOf: "2026-11-02", senders: [DashboardFixture.sender("mfp@fabrikam.com", .basic, system: "mfp", ring: "ring-1")])
        second.inputs[0].sha256 = "fabrikam"
        _ = try fixture.store.importRun(second, tenant: "fabrikam", origin: "test", at: Timestamp.from(year: 2026, month: 11, day: 2))
        try await fixture.application.test(.router) { client in
            let browser = try await Browser.signIn(client, fixture)
            try await client.execute(uri: "/", method: .get, headers: browser.headers) { response in
                let html = response.body.text
                #expect(html.contains("<h2>contoso.onmicrosoft.com</h2>") && html.contains("<h2>fabrikam</h2>"))
                #expect(html.contains("<h2>All tenants</h2>"))
                #expect(html.contains("href=\"/senders?state=discovered\""), "the sum's links name no tenant")
                #expect(html.contains("href=\"/senders?tenant=fabrikam&amp;state=discovered\""))
                #expect(html.contains("<svg class=\"burndown\""))
                // 2026-11-20 (the fixture's today) to the default change.
                let days = CalendarDay(iso: "2026-11-20")!.days(until: Timeline.current.defaultChangeDate)
                #expect(html.contains("<span class=\"big\">\(days)</span> days to the default change"))
            }
            try await client.execute(uri: "/senders?tenant=fabrikam", method: .get, headers: browser.headers) { response in
                #expect(response.body.text.contains("1–1 of 1"))
            }
            try await client.execute(uri: "/senders?tenant=nowhere", method: .get, headers: browser.headers) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func idleSessionsAreForgotten() async {
        let store = SessionStore(idleLimit: 60)
        let start = Date(timeIntervalSince1970: 1_000_000)
        let (id, _) = await store.start(DashboardUser(name: "a", role: .editor), now: start)
        #expect(await store.session(id, now: start.addingTimeInterval(30)) != nil)
        #expect(await store.session(id, now: start.addingTimeInterval(89)) != nil, "use keeps it alive")
        #expect(await store.session(id, now: start.addingTimeInterval(200)) == nil)
        #expect(await store.session(id, now: start.addingTimeInterval(201)) == nil)
    }
}
