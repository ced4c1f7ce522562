import Foundation
import Testing

@Suite struct SignInsCLITests {
    @Test func summarizeSampleSignInsAsCSV() throws {
        let r = try CLI.run(["signins", "summarize", "Examples/contoso/InteractiveSignIns_2026-11-01_2026-11-14.csv",
                             "Examples/contoso/NonInteractiveSignIns_2026-11-15_2026-11-27.csv", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "\u{FEFF}user,clientApp,legacy,ipAddress,outcome,count,firstSeen,lastSeen,failureReasons")
        let scanner = lines.first { $0.hasPrefix("scanner-hq@contoso.com,Authenticated SMTP,yes,203.0.113.10,success,") }
        #expect(scanner != nil)
        #expect(scanner?.contains(",180,") == true)
        let jdoe = lines.first { $0.hasPrefix("jdoe@contoso.com,Authenticated SMTP,yes,198.51.100.90,failure,44,") }
        #expect(jdoe?.contains("53003: Access has been blocked by Conditional Access policies") == true)
    }

    @Test func summarizeJSONAndLegacyOnly() throws {
        let r = try CLI.run(["signins", "summarize", "Examples/contoso", "--keep-going", "--format", "json", "--legacy-only"])
        // Non-sign-in files in the folder are errors for this command; --keep-going still summarises.
        #expect(r.status == 65)
        #expect(r.stderr.contains("not a sign-in log"))
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(doc?["schema"] as? String == "authshift.signins/1")
        let groups = doc?["groups"] as? [[String: Any]] ?? []
        #expect(!groups.isEmpty)
        #expect(groups.allSatisfy { $0["clientAppCategory"] as? String == "legacy" })
        #expect(groups.contains { $0["clientApp"] as? String == "Exchange Online PowerShell" })
    }

    @Test func summarizeTable() throws {
        let r = try CLI.run(["signins", "summarize", "Examples/contoso/SignIns-export.jsonl"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("USER"))
        #expect(r.stdout.contains("jdoe@contoso.com"))
    }
}
