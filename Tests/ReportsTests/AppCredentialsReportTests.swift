import AuthShiftCore
import Foundation
import Testing

@testable import Reports

/// The app credentials in every output: report.md and report.html list those needing attention
/// with the advice's source and who depends on them, the workbook and app-credentials.csv carry
/// every row, and register.json writes every documented key (null where unknown).
@Suite struct AppCredentialsReportTests {
    static let expired = AppCredentialRow(
        appId: "app-2", appName: "<Reporting> job", permissions: ["Exchange.ManageAsApp"], kind: .clientSecret, name: "reporting 2025",
        keyId: "k2", expires: Timestamp.from(year: 2026, month: 11, day: 2), status: .expired, daysLeft: -26, certificateAdvised: true,
        dependents: ["script jobs/report.ps1"],
        advice: AppCredentialPolicy.advice(
            app: "<Reporting> job", kind: .clientSecret, name: "reporting 2025", status: .expired, daysLeft: -26,
            expires: Timestamp.from(year: 2026, month: 11, day: 2)),
        evidence: ["apps.json:1"])
    static let healthy = AppCredentialRow(
        appId: "app-1", appName: "Scanner relay", permissions: ["SMTP.SendAsApp"], kind: .certificate, name: "CN=relay", keyId: "k1",
        expires: nil, status: .noExpiry, daysLeft: nil, certificateAdvised: false, dependents: [], advice: [], evidence: [])

    static var register: Register {
        var r = JSONKeysTests.register
        r.appCredentials = [expired, healthy]
        return r
    }

    @Test func markdownListsWhatNeedsAttention() {
        let text = MarkdownReport.render(Self.register, checklist: [])
        #expect(text.contains("## App credentials"))
        #expect(text.contains("2 credential(s), 1 needing attention."))
        #expect(text.contains("| <Reporting> job (app-2) | client secret | reporting 2025 | 2026-11-02 | expired |"))
        #expect(text.contains("| script jobs/report.ps1 |"))
        #expect(text.contains(AppCredentialPolicy.certificateSource))
        #expect(!text.contains("CN=relay"))
        #expect(!MarkdownReport.render(JSONKeysTests.register, checklist: []).contains("## App credentials"))
    }

    @Test func htmlEscapesNamesAndMarksExpired() {
        let html = HTMLReport.render(Self.register, checklist: [])
        #expect(html.contains("<h2>App credentials</h2>"))
        #expect(html.contains("&lt;Reporting&gt; job (app-2)"))
        #expect(html.contains("<td class=\"basic\">expired</td>"))
        #expect(!html.contains("<Reporting>"))
    }

    @Test func workbookAndCSVCarryEveryRow() {
        let sheet = XLSXWorkbook.register(Self.register).sheets.first { $0.name == "AppCredentials" }
        #expect(sheet?.header == AppCredentialsTable.columns)
        #expect(sheet.map { Array($0.rows).count } == 2)
        let csv = AppCredentialsTable.csv(Self.register.appCredentials!)
        #expect(csv.split(whereSeparator: \.isNewline).count == 3)
        #expect(csv.contains("Scanner relay,app-1,SMTP.SendAsApp,certificate,CN=relay,k1,,,no-expiry,no,,,"))
    }

    @Test func registerJSONWritesEveryDocumentedKey() throws {
        var streamed = Data()
        try RegisterJSON.write(Self.register) { streamed.append($0) }
        let top = try JSONKeysTests.object(streamed)
        let rows = try #require(top["appCredentials"] as? [[String: Any]])
        let documented = try JSONKeysTests.required("register.schema.json", ["$defs", "appCredential"])
        #expect(rows.allSatisfy { Set($0.keys) == documented })
        #expect(rows[1]["expires"] is NSNull && rows[1]["daysLeft"] is NSNull)
        #expect(try JSONKeysTests.required("register.schema.json").contains("appCredentials"))
    }
}
