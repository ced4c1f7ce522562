import Foundation
import Testing

@Suite struct PlanCLITests {
    @Test func exceptionsCheckFormatsAndExitStatus() throws {
        let text = try CLI.run(["exceptions", "check", "Examples/contoso", "--as-of", "2026-11-28"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("FAIL  exception-expired  erp@contoso.com"))
        let json = try CLI.run(["exceptions", "check", "Examples/contoso", "--as-of", "2026-11-28", "--format", "json"])
        #expect(json.status == 1)
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(doc?["schema"] as? String == "authshift.exceptions-check/1")
        #expect((doc?["failed"] as? Int ?? 0) > 0)
        let junit = try CLI.run(["exceptions", "check", "Examples/contoso", "--as-of", "2026-11-28", "--format", "junit"])
        #expect(junit.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"))
        #expect(junit.stdout.contains("<testsuite name=\"exception-expired\""))
        #expect(junit.stdout.contains("<failure message=\"expired on 2026-11-01 (27 days ago)\""))
        // A clean register passes with exit 0.
        let dir = temporaryFolder()
        try "PrimarySmtpAddress,SmtpClientAuthenticationDisabled\ndevice@contoso.com,False\n".write(
            to: dir.appendingPathComponent("cas.csv"), atomically: true, encoding: .utf8)
        try "Sender address,Messages sent\ndevice@contoso.com,10\n".write(
            to: dir.appendingPathComponent("report.csv"), atomically: true, encoding: .utf8)
        try "mailbox,system,source,owner,expires,replacement,ticket\ndevice@contoso.com,Copier,192.0.2.1,IT,2027-06-30,hve,CHG-1\n".write(
            to: dir.appendingPathComponent("exceptions.csv"), atomically: true, encoding: .utf8)
        let clean = try CLI.run(["exceptions", "check", dir.path, "--as-of", "2026-11-28"])
        #expect(clean.status == 0, "\(clean.stdout)")
        // A malformed expiry is bad input (65), naming file, line and field.
        try "mailbox,system,source,owner,expires,replacement,ticket\ndevice@contoso.com,Copier,192.0.2.1,IT,next spring,hve,CHG-1\n".write(
            to: dir.appendingPathComponent("exceptions.csv"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(["exceptions", "check", dir.path])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("exceptions.csv:2: field \"expires\""))
    }

    @Test func checkExitsOneOnARequiredFailure() throws {
        let r = try CLI.run(["check", "Examples/contoso", "--as-of", "2026-11-28"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("checklist-12"))
        let junit = try CLI.run(["check", "Examples/contoso", "--as-of", "2026-11-28", "--format", "junit"])
        #expect(junit.stdout.contains("<skipped message="))
        let dir = temporaryFolder()
        try "{\"SmtpClientAuthenticationDisabled\": true}".write(
            to: dir.appendingPathComponent("tc.json"), atomically: true, encoding: .utf8)
        let partial = try CLI.run(["check", dir.path])
        #expect(partial.status == 0, "unknowns alone do not fail: \(partial.stdout)")
        #expect(partial.stdout.contains("????  checklist-15"))
    }

    @Test func planWritesRingsAndScriptsAndDiffDetectsDrift() throws {
        let root = temporaryFolder()
        let out = root.appendingPathComponent("plan").path
        let scripts = root.appendingPathComponent("scripts").path
        let r = try CLI.run(["plan", "Examples/contoso", "--out", out, "--scripts", scripts, "--as-of", "2026-11-28"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Discovery: 3 member(s), 3 blocker(s)"))
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/plan.json"))) as? [String: Any]
        #expect(plan?["schema"] as? String == "authshift.plan/1")
        #expect((plan?["rings"] as? [Any])?.count == 6)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scripts).filter { $0.hasSuffix(".ps1") }.count == 16)

        let same = try CLI.run(["diff", out + "/register.json", out + "/register.json"])
        #expect(same.status == 0 && same.stdout == "No drift.\n")
        // Loosen the tenant in a copy of the register: diff alerts and exits 1.
        var text = try String(contentsOfFile: out + "/register.json", encoding: .utf8)
        text = text.replacingOccurrences(
            of: "\"smtpClientAuthenticationDisabled\":\"True\"", with: "\"smtpClientAuthenticationDisabled\":\"False\"")
        try text.write(toFile: root.appendingPathComponent("loosened.json").path, atomically: true, encoding: .utf8)
        let drift = try CLI.run(["diff", out + "/register.json", root.appendingPathComponent("loosened.json").path])
        #expect(drift.status == 1)
        #expect(drift.stdout.contains("ALERT tenant-smtp-auth"))
        let notRegister = try CLI.run(["diff", out + "/plan.json", out + "/register.json"])
        #expect(notRegister.status == 65)
        #expect(try CLI.run(["diff", "/nonexistent.json", out + "/register.json"]).status == 66)
    }
}
