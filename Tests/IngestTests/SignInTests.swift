import AuthShiftCore
import Foundation
import Testing

@testable import Ingest

@Suite struct SignInTests {
    static func portalFile(_ names: [String], rows: [[String: String]]) -> String {
        ([names.map { "\"\($0)\"" }.joined(separator: ",")] + rows.map { Headers.portalRow(names, $0) }).joined(separator: "\r\n") + "\r\n"
    }

    static func row(_ time: String, _ user: String, _ app: String, _ ip: String, ok: Bool = true, code: String = "0", reason: String = "")
        -> [String: String]
    {
        [
            "Date (UTC)": time, "Username": user, "User": "Display", "Client app": app, "IP address": ip,
            "Status": ok ? "Success" : "Failure", "Sign-in error code": ok ? "0" : code, "Failure reason": ok ? "" : reason,
            "Incoming token type": "None", "Application ID ": "00000002-0000-0ff1-ce00-000000000000",
        ]
    }

    static let sample: [[String: String]] = [
        row("2026-11-01T10:00:00Z", "Scanner@Contoso.com", "Authenticated SMTP", "203.0.113.10"),
        row("2026-11-03T10:00:00Z", "scanner@contoso.com", "authenticated smtp", "203.0.113.10"),
        row(
            "2026-11-02T09:00:00Z", "scanner@contoso.com", "Authenticated SMTP", "203.0.113.10", ok: false, code: "50126",
            reason: "Invalid username or password"),
        row(
            "2026-11-02T09:30:00Z", "scanner@contoso.com", "Authenticated SMTP", "203.0.113.10", ok: false, code: "50126",
            reason: "Invalid username or password"),
        row("2026-11-04T08:00:00Z", "admin@contoso.com", "Exchange Online PowerShell", "198.51.100.7"),
        row("2026-11-04T08:05:00Z", "person@contoso.com", "Mobile Apps and Desktop clients", "198.51.100.8"),
        row("2026-11-05T08:05:00Z", "person@contoso.com", "Universal Outlook", "198.51.100.8"),
    ]

    func check(_ summary: SignInSummary) {
        let groups = summary.sortedGroups
        #expect(summary.rows == 7)
        let smtpOK = groups.first { $0.user == "scanner@contoso.com" && $0.outcome == .success }
        #expect(smtpOK?.count == 2)
        #expect(smtpOK?.clientApp == .authenticatedSMTP)
        #expect(smtpOK?.firstSeen == ExportDate.parse("2026-11-01T10:00:00Z"))
        #expect(smtpOK?.lastSeen == ExportDate.parse("2026-11-03T10:00:00Z"))
        let smtpFail = groups.first { $0.user == "scanner@contoso.com" && $0.outcome == .failure }
        #expect(smtpFail?.failureReasons == ["50126: Invalid username or password": 2])
        #expect(groups.first { $0.user == "admin@contoso.com" }?.clientApp.isExchangeOnlinePowerShell == true)
        #expect(groups.first { $0.clientApp.name == "Mobile apps and desktop clients" }?.clientApp.category == .modern)
        #expect(groups.first { $0.clientApp.name == "Universal Outlook" }?.clientApp.category == .unknown)
        #expect(groups.count == 5)
    }

    @Test(arguments: [57, 55, 54])
    func portalCSVLayouts(columns: Int) {
        let names = columns == 57 ? Headers.portal57Names : (columns == 55 ? Headers.portal55Names : Headers.portal54Names)
        #expect(names.count == columns)
        let folder = TemporaryFolder()
        let (file, snapshot) = readFile(folder.write("InteractiveSignIns.csv", Self.portalFile(names, rows: Self.sample)))
        #expect(file.error == nil)
        #expect(file.kind == .signInPortalCSV)
        #expect(file.rows == 7)
        #expect(file.variant?.hasPrefix("\(columns) columns") == true)
        #expect(file.firstTime == ExportDate.parse("2026-11-01T10:00:00Z"))
        #expect(file.lastTime == ExportDate.parse("2026-11-05T08:05:00Z"))
        check(snapshot.signIns)
    }

    @Test func logAnalyticsExport() {
        let folder = TemporaryFolder()
        var lines = ["TenantId,TimeGenerated [UTC],UserPrincipalName,AppDisplayName,ClientAppUsed,IPAddress,ResultType,ResultDescription"]
        for r in Self.sample {
            let t = ExportDate.parse(r["Date (UTC)"]!)!
            let us = Self.usTime(t)
            lines.append(
                "t,\"\(us)\",\(r["Username"]!),Office 365 Exchange Online,\(r["Client app"]!),\(r["IP address"]!),\(r["Sign-in error code"]!),\(r["Failure reason"]!)"
            )
        }
        let (file, snapshot) = readFile(folder.write("la.csv", lines.joined(separator: "\n") + "\n"))
        #expect(file.kind == .signInLogAnalyticsCSV)
        check(snapshot.signIns)
    }

    static func usTime(_ t: Timestamp) -> String {
        let d = t.description  // 2026-11-01T10:00:00Z
        let y = d.prefix(4)
        let m = Int(d.dropFirst(5).prefix(2))!
        let day = Int(d.dropFirst(8).prefix(2))!
        var h = Int(d.dropFirst(11).prefix(2))!
        let rest = d.dropFirst(13).prefix(6)
        let pm = h >= 12
        h = h % 12 == 0 ? 12 : h % 12
        return "\(m)/\(day)/\(y), \(h)\(rest).000 \(pm ? "PM" : "AM")"
    }

    static func graph(_ r: [String: String]) -> String {
        let ok = r["Status"] == "Success"
        return
            #"{"createdDateTime":"\#(r["Date (UTC)"]!)","userPrincipalName":"\#(r["Username"]!)","clientAppUsed":"\#(r["Client app"]!)","ipAddress":"\#(r["IP address"]!)","status":{"errorCode":\#(r["Sign-in error code"]!),"failureReason":"\#(ok ? "Other." : r["Failure reason"]!)","additionalDetails":null}}"#
    }

    @Test func graphPagesPortalJSONAndJSONLines() throws {
        let folder = TemporaryFolder()
        let items = Self.sample.map(Self.graph)
        let page1 =
            #"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns","value":[\#(items[0..<4].joined(separator: ","))],"@odata.nextLink":"https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=x"}"#
        let page2 = #"{"value":[\#(items[4...].joined(separator: ","))]}"#
        folder.write("p1.json", page1)
        folder.write("p2.json", page2)
        let result = try ExportFolderReader.read([folder.path])
        #expect(result.errors.isEmpty)
        #expect(result.files.map(\.variant) == ["graph-page", "graph-page"])
        #expect(result.files[0].warnings.contains { $0.contains("nextLink") })
        check(result.snapshot.signIns)

        let portal = TemporaryFolder()
        portal.write("portal.json", "[\n" + items.joined(separator: ",\n") + "\n]")
        let (pf, ps) = readFile(portal.url.appendingPathComponent("portal.json").path)
        #expect(pf.variant == "array")
        check(ps.signIns)

        let lines = TemporaryFolder()
        let (lf, ls) = readFile(lines.write("signins.jsonl", items.joined(separator: "\n") + "\n"))
        #expect(lf.variant == "json-lines")
        check(ls.signIns)
    }

    @Test func parallelReadMatchesSingleThreaded() {
        let folder = TemporaryFolder()
        var rows: [[String: String]] = []
        for i in 0..<3000 {
            let user = "user\(i % 37)@contoso.com"
            let app = ["Authenticated SMTP", "Browser", "IMAP4"][i % 3]
            var r = Self.row(
                String(format: "2026-11-%02dT%02d:00:00Z", 1 + i % 27, i % 24), user, app, "198.51.100.\(i % 5)",
                ok: i % 4 != 0, code: "50126", reason: "Invalid \"username\" or password")
            if i % 500 == 7 { r["User agent"] = "multi\nline agent" }
            rows.append(r)
        }
        let path = folder.write("big.csv", Self.portalFile(Headers.portal57Names, rows: rows))
        let (single, s1) = readFile(path)
        for threads in [2, 3, 7] {
            let (parallel, s2) = readFile(path, tuning: .init(threads: threads, minimumSplitBytes: 0))
            #expect(parallel.error == nil)
            #expect(parallel.rows == single.rows)
            #expect(s2.signIns.sortedGroups == s1.signIns.sortedGroups)
            #expect(parallel.firstTime == single.firstTime && parallel.lastTime == single.lastTime)
        }
    }

    @Test func parallelReadFallsBackWhenACutFallsInsideQuotes() {
        // Every row carries a long quoted field full of line feeds, so most cut points land inside quotes.
        let folder = TemporaryFolder()
        let agent = String(repeating: "line\n", count: 400)
        var rows: [[String: String]] = []
        for i in 0..<40 {
            var r = Self.row("2026-11-01T10:00:00Z", "u\(i % 3)@contoso.com", "Authenticated SMTP", "203.0.113.1")
            r["User agent"] = agent
            rows.append(r)
        }
        let path = folder.write("quoted.csv", Self.portalFile(Headers.portal57Names, rows: rows))
        let (single, s1) = readFile(path)
        let (parallel, s2) = readFile(path, tuning: .init(threads: 5, minimumSplitBytes: 0))
        #expect(parallel.error == nil)
        #expect(parallel.rows == 40 && single.rows == 40)
        #expect(s2.signIns.sortedGroups == s1.signIns.sortedGroups)
    }

    @Test func parallelReadReportsErrorsWithFileLineNumbers() {
        let folder = TemporaryFolder()
        var text = Self.portalFile(
            Headers.portal57Names, rows: (0..<2000).map { Self.row("2026-11-01T10:00:00Z", "u\($0)@contoso.com", "Browser", "203.0.113.1") }
        )
        text += "\"2026-11-01T10:00:00Z\"x,\"oops\"\r\n"
        let path = folder.write("bad.csv", text)
        let (single, _) = readFile(path)
        let (parallel, _) = readFile(path, tuning: .init(threads: 4, minimumSplitBytes: 0))
        #expect(single.error?.line == 2002)
        #expect(parallel.error?.line == 2002)
        #expect(parallel.error?.file == path)
    }

    @Test func unreadableDatesAreCountedAndReported() {
        let folder = TemporaryFolder()
        let rows = [
            Self.row("not a date", "a@contoso.com", "Browser", "1.1.1.1"),
            Self.row("2026-11-01T10:00:00Z", "a@contoso.com", "Browser", "1.1.1.1"),
        ]
        let (file, s) = readFile(folder.write("d.csv", Self.portalFile(Headers.portal57Names, rows: rows)))
        #expect(s.signIns.rows == 2)
        #expect(file.warnings.contains { $0.contains("line 2: unreadable date \"not a date\"") })
    }

    @Test func clientAppsAreMatchedIgnoringCase() {
        #expect(ClientApp(exported: "AUTHENTICATED SMTP") == .authenticatedSMTP)
        #expect(ClientApp(exported: "MAPI Over HTTP").isLegacy)
        #expect(ClientApp(exported: "Other clients; Older Office clients").isLegacy)
        #expect(ClientApp(exported: "SMTP") == .authenticatedSMTP)
        #expect(ClientApp(exported: "Mobile Apps and Desktop clients").category == .modern)
        #expect(ClientApp(exported: "Something new").category == .unknown)
    }
}
