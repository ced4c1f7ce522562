import Foundation
import Ingest
import Testing

/// The "sign-in summary" input (Log Analytics CSV export or query API JSON) reads as the raw
/// sign-ins it stands for: the same groups, counts, first and last times and failure reasons.
@Suite struct SignInSummaryInputTests {
    static func write(_ text: String, name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authshift-summary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Five raw sign-ins as Log Analytics exports them.
    static let raw = """
        TimeGenerated [UTC],UserPrincipalName,AppDisplayName,ClientAppUsed,IPAddress,ResultType,ResultDescription
        2026-11-02T08:00:00Z,Scanner@Contoso.com,Office 365 Exchange Online,Authenticated SMTP,203.0.113.7,0,
        2026-11-02T09:30:00Z,scanner@contoso.com,Office 365 Exchange Online,Authenticated SMTP,203.0.113.7,0,
        2026-11-03T10:00:00Z,scanner@contoso.com,Office 365 Exchange Online,Authenticated SMTP,203.0.113.7,0,
        2026-11-03T11:00:00Z,scanner@contoso.com,Office 365 Exchange Online,Authenticated SMTP,203.0.113.7,50126,Invalid username or password.
        2026-11-04T12:00:00Z,ops@contoso.com,Microsoft Exchange REST API Based Powershell,Exchange Online PowerShell,198.51.100.2,0,

        """

    /// The same sign-ins as the summary query's result, exported to CSV from the portal.
    static let summaryCSV = """
        Day [UTC],UserPrincipalName,AppDisplayName,ClientAppUsed,IPAddress,ResultType,SignIns,FirstSeen [UTC],LastSeen [UTC],SampleFailureReason
        2026-11-02T00:00:00Z,Scanner@Contoso.com,Office 365 Exchange Online,Authenticated SMTP,203.0.113.7,0,2,2026-11-02T08:00:00Z,2026-11-02T09:30:00Z,
        2026-11-03T00:00:00Z,scanner@contoso.com,Office 365 Exchange Online,Authenticated SMTP,203.0.113.7,0,1,2026-11-03T10:00:00Z,2026-11-03T10:00:00Z,
        2026-11-03T00:00:00Z,scanner@contoso.com,Office 365 Exchange Online,Authenticated SMTP,203.0.113.7,50126,1,2026-11-03T11:00:00Z,2026-11-03T11:00:00Z,Invalid username or password.
        2026-11-04T00:00:00Z,ops@contoso.com,Microsoft Exchange REST API Based Powershell,Exchange Online PowerShell,198.51.100.2,0,1,2026-11-04T12:00:00Z,2026-11-04T12:00:00Z,

        """

    /// The same summary as the query API answers it.
    static let summaryJSON = """
        {"tables":[{"name":"PrimaryResult","columns":[{"name":"Day","type":"datetime"},{"name":"UserPrincipalName","type":"string"},\
        {"name":"AppDisplayName","type":"string"},{"name":"ClientAppUsed","type":"string"},{"name":"IPAddress","type":"string"},\
        {"name":"ResultType","type":"string"},{"name":"SignIns","type":"long"},{"name":"FirstSeen","type":"datetime"},\
        {"name":"LastSeen","type":"datetime"},{"name":"SampleFailureReason","type":"string"}],"rows":[
        ["2026-11-02T00:00:00Z","Scanner@Contoso.com","Office 365 Exchange Online","Authenticated SMTP","203.0.113.7","0",2,"2026-11-02T08:00:00Z","2026-11-02T09:30:00Z",""],
        ["2026-11-03T00:00:00Z","scanner@contoso.com","Office 365 Exchange Online","Authenticated SMTP","203.0.113.7","0",1,"2026-11-03T10:00:00Z","2026-11-03T10:00:00Z",""],
        ["2026-11-03T00:00:00Z","scanner@contoso.com","Office 365 Exchange Online","Authenticated SMTP","203.0.113.7","50126",1,"2026-11-03T11:00:00Z","2026-11-03T11:00:00Z","Invalid username or password."],
        ["2026-11-04T00:00:00Z","ops@contoso.com","Microsoft Exchange REST API Based Powershell","Exchange Online PowerShell","198.51.100.2","0",1,"2026-11-04T12:00:00Z","2026-11-04T12:00:00Z",""]]}]}
        """

    static func groups(_ path: String) throws -> (kind: ExportKind?, rows: Int, groups: [SignInSummary.Group]) {
        let result = try ExportFolderReader.read([path])
        #expect(result.errors.isEmpty, "\(result.errors)")
        let summary = result.snapshot.signIns
        let groups = summary.groups.map { SignInSummary.Group(key: $0.key, stats: $0.value) }
            .sorted { ($0.user, $0.clientApp.name, $0.outcome) < ($1.user, $1.clientApp.name, $1.outcome) }
        return (result.files.first?.kind, result.files.first?.rows ?? 0, groups)
    }

    @Test(arguments: [("summary.csv", summaryCSV), ("SignInSummary.json", summaryJSON)])
    func summaryReadsAsTheRawRowsItStandsFor(name: String, text: String) throws {
        let raw = try Self.groups(Self.write(Self.raw, name: "raw.csv"))
        let summary = try Self.groups(Self.write(text, name: name))
        #expect(raw.kind == .signInLogAnalyticsCSV)
        #expect(summary.kind == .signInSummary)
        #expect(summary.rows == 5)
        #expect(summary.groups == raw.groups)
        #expect(summary.groups.count == 3)
    }

    @Test func summaryRowWithoutACountIsRefusedWithLineAndField() throws {
        let text = Self.summaryCSV.replacingOccurrences(of: "203.0.113.7,0,1,2026-11-03T10", with: "203.0.113.7,0,none,2026-11-03T10")
        let result = try ExportFolderReader.read([Self.write(text, name: "summary.csv")])
        let error = try #require(result.errors.first)
        #expect(error.line == 3 && error.field == "SignIns")
    }

    @Test func queryResultWithoutTheSummaryColumnsIsNamed() throws {
        let text = "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"Count\",\"type\":\"long\"}],\"rows\":[[3]]}]}"
        let result = try ExportFolderReader.read([Self.write(text, name: "other.json")])
        let error = try #require(result.errors.first)
        #expect(error.message.contains("not the query of authshift collect kql"))
    }
}
