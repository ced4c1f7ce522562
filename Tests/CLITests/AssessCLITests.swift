import Foundation
import Testing

@Suite struct AssessCLITests {
    @Test func sampleTenantWritesEveryOutput() throws {
        let out = temporaryFolder().appendingPathComponent("out")
        let r = try CLI.run(["assess", "Examples/contoso", "--out", out.path, "--as-of", "2026-11-28"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Break at the default change: 7 row(s), 7 sender(s)"))
        #expect(r.stdout.contains("33 days away"))
        for name in ["register.json", "register.csv", "register.xlsx", "report.md", "report.html", "inventory-todo.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("register.json"))) as? [String: Any]
        #expect(json?["schema"] as? String == "authshift.register/1")
        #expect(json?["asOf"] as? String == "2026-11-28")
        #expect(json?["defaultChangeDate"] as? String == "2026-12-31")
        let senders = json?["senders"] as? [[String: Any]] ?? []
        let scanner = senders.first { $0["sender"] as? String == "scanner-hq@contoso.com" }
        #expect(scanner?["breaksAtDefaultChange"] as? Bool == true)
        #expect((scanner?["smtpAuth"] as? [String: Any])?["decidedBy"] as? String == "mailbox")
        #expect((scanner?["recommendation"] as? [String: Any])?["path"] as? String == "hve")
        #expect((json?["mailboxes"] as? [Any])?.isEmpty == false)
        #expect((json?["automation"] as? [Any])?.count == 2)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("33 days until"))
        #expect(
            !html.contains("<script") && !html.contains("<link") && !html.contains("src=") && !html.contains("url("),
            "nothing loads from anywhere")
        let todoBytes = try Data(contentsOf: out.appendingPathComponent("inventory-todo.csv"))
        #expect(Array(todoBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let todo = String(decoding: todoBytes.dropFirst(3), as: UTF8.self)
        #expect(todo.hasPrefix("sender,system,owner,workload,oauth_capable,static_ip,notes,cutover_date\r\n"))
        #expect(todo.contains("jdoe@contoso.com"))
        #expect(!todo.contains("crm@contoso.com"), "a sender already on OAuth needs nothing")

        // Running again into the same folder replaces authshift's own files.
        #expect(try CLI.run(["assess", "Examples/contoso", "--out", out.path]).status == 0)
    }

    @Test func refusesAFolderWithOtherFiles() throws {
        let dir = temporaryFolder()
        try "keep me".write(to: dir.appendingPathComponent("mine.txt"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["assess", "Examples/contoso", "--out", dir.path])
        #expect(r.status == 73)
        #expect(r.stderr.contains("--force"))
        #expect(try String(contentsOf: dir.appendingPathComponent("mine.txt"), encoding: .utf8) == "keep me")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("register.json").path))
    }

    @Test func badExportStopsBeforeWritingUnlessKeepGoing() throws {
        let exports = temporaryFolder()
        try "Sender address,Messages sent\na@contoso.com,\"5\n".write(
            to: exports.appendingPathComponent("report.csv"), atomically: true, encoding: .utf8)
        try "{\"SmtpClientAuthenticationDisabled\": true}".write(
            to: exports.appendingPathComponent("tc.json"), atomically: true, encoding: .utf8)
        let out = temporaryFolder().appendingPathComponent("o")
        let strict = try CLI.run(["assess", exports.path, "--out", out.path])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("report.csv:2"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let lenient = try CLI.run(["assess", exports.path, "--out", out.path, "--keep-going"])
        #expect(lenient.status == 65)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("register.json").path))
    }

    @Test func explainMailbox() throws {
        let r = try CLI.run(["explain-mailbox", "reports@contoso.com", "Examples/contoso"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("disabled for the whole organization"))
        #expect(r.stdout.contains("Result: Basic authentication for SMTP is blocked"))
        let missing = try CLI.run(["explain-mailbox", "nobody@contoso.com", "Examples/contoso"])
        #expect(missing.status == 65)
    }

    @Test func optionsAreValidated() throws {
        #expect(try CLI.run(["assess", "Examples/contoso", "--out", "/tmp/x", "--as-of", "yesterday"]).status == 64)
        #expect(try CLI.run(["assess", "Examples/contoso", "--out", "/tmp/x", "--volume-thresholds", "10,5"]).status == 64)
        #expect(try CLI.run(["assess", "Examples/contoso"]).status == 64)
    }
}
