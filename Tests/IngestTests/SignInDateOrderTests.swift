import AuthShiftCore
import Testing

@testable import Ingest

/// A Log Analytics sign-in export from a day-first culture, read on one thread and split
/// across threads: the order proven by one row holds for the whole time column.
@Suite struct SignInDateOrderTests {
    static func file() -> String {
        let folder = TemporaryFolder()
        var lines = ["TenantId,TimeGenerated [UTC],UserPrincipalName,AppDisplayName,ClientAppUsed,IPAddress,ResultType,ResultDescription"]
        for i in 0..<400 {
            let day = i == 399 ? "13/02/2026" : "01/02/2026"
            lines.append(
                "t,\"\(day) 10:00:00\",a\(i % 7)@contoso.com,Office 365 Exchange Online,Authenticated SMTP,203.0.113.\(i % 200),0,")
        }
        return folder.write("la.csv", lines.joined(separator: "\n") + "\n")
    }

    @Test(arguments: [1, 3])
    func oneDayAboveTwelveDecidesTheColumn(threads: Int) {
        let (file, _) = readFile(Self.file(), tuning: .init(threads: threads, minimumSplitBytes: 1))
        #expect(file.error == nil)
        #expect(file.firstTime == Timestamp.from(year: 2026, month: 2, day: 1, hour: 10))
        #expect(file.lastTime == Timestamp.from(year: 2026, month: 2, day: 13, hour: 10))
        let note = file.dateOrders.first
        #expect(note?.column == "TimeGenerated [UTC]" && note?.basis == .proven && note?.order == .dmy)
        #expect(note?.evidence == #"line 401 ("13/02/2026 10:00:00")"#)
    }
}
