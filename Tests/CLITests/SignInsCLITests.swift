import Foundation
import Testing

@Suite struct SignInsCLITests {
    @Test func summarizeSampleSignInsAsCSV() throws {
        let r = try CLI.run([
            "signins", "summarize", "Examples/contoso/InteractiveSignIns_2026-11-01_2026-11-14.csv",
            "Examples/contoso/NonInteractiveSignIns_2026-11-15_2026-11-27.csv", "--format", "csv",
        ])
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
        let r = try CLI.run(["signins", "summarize", "Examples/contoso", "--format", "json", "--legacy-only"])
        // A folder of mixed downloads: the sign-in logs are used, the other files listed once as skipped.
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("error:"), "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(doc?["schema"] as? String == "authshift.signins/1")
        let groups = doc?["groups"] as? [[String: Any]] ?? []
        #expect(!groups.isEmpty)
        #expect(groups.allSatisfy { $0["clientAppCategory"] as? String == "legacy" })
        #expect(groups.contains { $0["clientApp"] as? String == "Exchange Online PowerShell" })
    }

    @Test func aFolderSkipsOtherExportsOnceAndANamedOtherFileIsAnError() throws {
        let folder = try CLI.run(["signins", "summarize", "Examples/contoso", "--format", "csv"])
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(folder.stderr.contains("not sign-in logs:"))
        let casLines = folder.stderr.components(separatedBy: "\n").filter { $0.contains("CASMailbox.csv") }
        #expect(casLines.count == 1, "\(folder.stderr)")
        #expect(!folder.stderr.contains("InteractiveSignIns"), "sign-in logs are used, not skipped")
        #expect(folder.stdout.contains("scanner-hq@contoso.com,Authenticated SMTP,yes,203.0.113.10,success,"))

        let named = try CLI.run(["signins", "summarize", "Examples/contoso/CASMailbox.csv"])
        #expect(named.status == 65)
        #expect(named.stderr.contains("CASMailbox.csv") && named.stderr.contains("not a sign-in log"))
    }

    @Test func aBadSignInLogInAFolderIsStillAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("authshift-signins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = CLI.repositoryRoot + "/Examples/contoso/"
        try FileManager.default.copyItem(atPath: root + "CASMailbox.csv", toPath: dir.appendingPathComponent("CASMailbox.csv").path)
        try FileManager.default.copyItem(atPath: root + "SignIns-export.jsonl", toPath: dir.appendingPathComponent("good.jsonl").path)
        // A Graph sign-in page cut off in the middle of a record.
        let page = try String(contentsOfFile: root + "SignIns-PowerShell-page001.json", encoding: .utf8)
        try String(page.prefix(page.count / 2)).write(to: dir.appendingPathComponent("cut.json"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["signins", "summarize", dir.path])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("cut.json"))
        #expect(r.stderr.contains("CASMailbox.csv"))
        #expect(!r.stderr.contains("error: \(dir.path)/CASMailbox.csv"))
    }

    @Test func summarizeTable() throws {
        let r = try CLI.run(["signins", "summarize", "Examples/contoso/SignIns-export.jsonl"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("USER"))
        #expect(r.stdout.contains("jdoe@contoso.com"))
    }
}
