import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `authshift workspace` end to end on real SQLite files: the month-later example, two tenants,
/// the owners' sheet, refusals, a process killed mid-import, and two imports at once.
@Suite struct WorkspaceCLITests {
    func ok(_ arguments: [String], _ expected: Int32 = 0) throws -> CLIResult {
        let r = try CLI.run(arguments)
        #expect(r.status == expected, "\(arguments.joined(separator: " ")): \(r.stderr)")
        return r
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// A workspace holding the contoso runs of November and December, with the edits made between them.
    func monthLater() throws -> (workspace: String, out: String) {
        let dir = temporaryFolder().path
        let ws = dir + "/ws"
        _ = try ok(["workspace", "init", ws])
        _ = try ok(["assess", "Examples/contoso", "--out", dir + "/nov", "--as-of", "2026-11-28", "--workspace", ws])
        for sender in ["scanner-hq@contoso.com", "billing@contoso.com"] {
            _ = try ok(["workspace", "set", sender, "--state", "cut-over", "--on", "2026-11-30", "--by", "alice", "--workspace", ws])
        }
        _ = try ok(["workspace", "set", "old-scanner@contoso.com", "--state", "retired", "--on", "2026-11-30", "--workspace", ws])
        return (ws, dir)
    }

    @Test func aMonthLaterTheWorkspaceShowsProgressAndTheRegression() throws {
        let (ws, dir) = try monthLater()
        let r = try ok(["assess", "Examples/contoso-2026-12", "--out", dir + "/dec", "--as-of", "2026-12-28", "--workspace", ws])
        #expect(r.stdout.contains("REGRESSED old-scanner@contoso.com"))
        #expect(r.stdout.contains("scanner-hq@contoso.com (HQ multifunction printer): cut-over -> verified"))
        // The same exports again add nothing.
        let again = try ok(["assess", "Examples/contoso-2026-12", "--out", dir + "/dec", "--as-of", "2026-12-28", "--workspace", ws])
        #expect(again.stdout.contains("stored already as run 2"))

        let status = try ok(["workspace", "status", "--workspace", ws, "--fail-on", "regressed"], 1)
        #expect(status.stdout.hasPrefix("REGRESSED: 1 sender(s)"))
        let statusJSON = try json(try ok(["workspace", "status", "--workspace", ws, "--format", "json"]).stdout) as? [String: Any]
        let tenant = (statusJSON?["tenants"] as? [[String: Any]])?.first
        #expect(tenant?["basicSendersNow"] as? Int == 9 && tenant?["basicSendersAtFirstRun"] as? Int == 11)
        #expect((tenant?["byState"] as? [String: Int])?["verified"] == 2)

        let history = try ok(["workspace", "history", "--workspace", ws, "--format", "csv"]).stdout
        #expect(history.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 3)
        #expect(history.contains("2026-11-28") && history.contains("2026-12-28"))

        let show =
            try json(try ok(["workspace", "show", "old-scanner@contoso.com", "--workspace", ws, "--format", "json"]).stdout)
            as? [String: Any]
        #expect((show?["summary"] as? [String: Any])?["state"] as? String == "regressed")
        #expect((show?["runs"] as? [Any])?.count == 2)
        let text = try ok(["workspace", "show", "scanner-hq@contoso.com", "--workspace", ws]).stdout
        #expect(
            text.contains("alice [edit] state: owner-assigned -> cut-over")
                && text.contains("authshift [automatic] state: cut-over -> verified"))

        // Not an alert for diff: the address used Basic in the first run too (the regression is the workspace's alert).
        let diff = try ok(["workspace", "diff", "--workspace", ws])
        #expect(
            diff.stdout.contains("new-basic-sender: old-scanner@contoso.com") && diff.stdout.contains("auth-changed: billing@contoso.com"))
        #expect(try ok(["workspace", "diff", "1", "2", "--workspace", ws, "--format", "csv"]).stdout.hasPrefix("\u{FEFF}kind,subject"))

        let html = try String(contentsOfFile: dir + "/dec/report.html", encoding: .utf8)
        #expect(html.contains("<p class=\"regressed\" id=\"regressions\">REGRESSED: 1 sender(s)"))
        #expect(html.contains("<svg class=\"burndown\"") && html.contains("<polyline class=\"series\""))
        #expect(!html.contains("<script"))
        let md = try String(contentsOfFile: dir + "/dec/report.md", encoding: .utf8)
        #expect(md.hasPrefix("**REGRESSED: 1 sender(s)") && md.contains("## Progress across runs"))

        _ = try ok(["workspace", "report", "--workspace", ws, "--out", dir + "/from-workspace"])
        #expect(try String(contentsOfFile: dir + "/from-workspace/report.html", encoding: .utf8).contains("<svg class=\"burndown\""))
        #expect(try ok(["workspace", "check", "--workspace", ws]).stdout.contains("ok"))
    }

    @Test func twoTenantsAreKeptApartAndSummedUp() throws {
        let dir = temporaryFolder().path
        let ws = dir + "/ws"
        _ = try ok(["workspace", "init", ws])
        _ = try ok(["assess", "Examples/contoso", "--out", dir + "/a", "--as-of", "2026-11-28", "--workspace", ws])
        _ = try ok([
            "assess", "Examples/fabrikam-security-defaults", "--out", dir + "/b", "--as-of", "2026-11-28", "--workspace", ws,
            "--tenant", "Fabrikam",
        ])
        let status = try json(try ok(["workspace", "status", "--workspace", ws, "--format", "json"]).stdout) as? [String: Any]
        let tenants = (status?["tenants"] as? [[String: Any]])?.compactMap { $0["tenant"] as? String }
        #expect(tenants == ["contoso.onmicrosoft.com", "fabrikam"])
        #expect((status?["all"] as? [String: Any])?["runs"] as? Int == 2)
        let one = try ok(["workspace", "history", "--workspace", ws, "--tenant", "fabrikam", "--format", "json"]).stdout
        #expect((try json(one) as? [[String: Any]])?.map { $0["tenant"] as? String } == ["fabrikam"])
        #expect(try ok(["workspace", "diff", "--workspace", ws], 64).stderr.contains("several tenants"))
        let unknown = try ok(["workspace", "status", "--workspace", ws, "--tenant", "nope"], 66)
        #expect(unknown.stderr.contains("contoso.onmicrosoft.com, fabrikam"))
        _ = try ok(["workspace", "report", "--workspace", ws, "--out", dir + "/merged"])
        let merged = try String(contentsOfFile: dir + "/merged/report.html", encoding: .utf8)
        #expect(merged.contains("<h3>contoso.onmicrosoft.com</h3>") && merged.contains("<h3>fabrikam</h3>"))
        #expect(merged.contains("scanner-hq@contoso.com") && merged.contains("copier@fabrikam.example"))
    }

    @Test func theOwnersSheetRoundTripsWithAConflict() throws {
        let (ws, dir) = try monthLater()
        let sheet = dir + "/owners.csv"
        _ = try ok(["workspace", "export-inventory", sheet, "--workspace", ws])
        _ = try ok(["workspace", "export-inventory", dir + "/owners.xlsx", "--workspace", ws])
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/owners.xlsx")).prefix(2) == Data("PK".utf8))
        // The owners fill in two tickets; meanwhile someone sets one of them in the workspace.
        var text = try String(contentsOfFile: sheet, encoding: .utf8)
        var lines = text.components(separatedBy: "\r\n")
        let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: ",")
        let ticket = header.firstIndex(of: "ticket")!
        for (i, line) in lines.enumerated() where line.contains("alarm-panel@contoso.com") || line.contains("plant-printer@contoso.com") {
            var cells = line.components(separatedBy: ",")
            cells[ticket] = line.contains("alarm") ? "CHG-2001" : "CHG-2002"
            lines[i] = cells.joined(separator: ",")
        }
        text = lines.joined(separator: "\r\n")
        try text.write(toFile: sheet, atomically: true, encoding: .utf8)
        _ = try ok(["workspace", "set", "alarm-panel@contoso.com", "--ticket", "CHG-1999", "--by", "carol", "--workspace", ws])
        let r = try ok(["workspace", "import-inventory", sheet, "--by", "dave", "--workspace", ws], 1)
        #expect(r.stdout.contains("CONFLICT") && r.stdout.contains("alarm-panel@contoso.com") && r.stdout.contains("carol set CHG-1999"))
        let alarm =
            try json(try ok(["workspace", "show", "alarm-panel@contoso.com", "--workspace", ws, "--format", "json"]).stdout)
            as? [String: Any]
        #expect((alarm?["summary"] as? [String: Any])?["ticket"] as? String == "CHG-1999")
        let plant =
            try json(try ok(["workspace", "show", "plant-printer@contoso.com", "--workspace", ws, "--format", "json"]).stdout)
            as? [String: Any]
        #expect((plant?["summary"] as? [String: Any])?["ticket"] as? String == "CHG-2002")
        let audit = (plant?["audit"] as? [[String: Any]])?.last
        #expect(audit?["by"] as? String == "dave" && audit?["origin"] as? String == "inventory")
    }

    @Test func filesThatAreNotWorkspacesAreRefused() throws {
        let dir = temporaryFolder().path
        #expect(try ok(["workspace", "status", "--workspace", dir + "/absent"], 66).stderr.contains("workspace init"))
        try Data("not a database at all, just text\n".utf8).write(to: URL(fileURLWithPath: dir + "/workspace.sqlite"))
        #expect(try ok(["workspace", "status", "--workspace", dir], 65).stderr.contains("not an authshift workspace"))
        _ = try ok(["workspace", "init", dir + "/ws"])
        #expect(
            try ok(["workspace", "set", "nobody@contoso.com", "--owner", "x", "--workspace", dir + "/ws"], 66).stderr.contains("no sender"))
        #expect(
            try ok(["workspace", "set", "x@contoso.com", "--state", "verified", "--workspace", dir + "/ws"], 65).stderr.contains(
                "field \"state\""))
    }

    /// A register.json with `count` extra mailboxes and its own input digests, so that storing it is slow enough to interrupt.
    func bigRegister(_ dir: String, name: String, count: Int) throws -> String {
        let out = dir + "/assess-" + name
        _ = try ok(["assess", "Examples/contoso", "--out", out, "--as-of", "2026-11-28"])
        var register =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/register.json"))) as! [String: Any]
        var mailboxes = register["mailboxes"] as! [[String: Any]]
        let template = mailboxes[0]
        for i in 0..<count {
            var copy = template
            copy["address"] = "user\(i)-\(name)@contoso.com"
            copy["displayName"] = "Synthetic user \(i)"
            mailboxes.append(copy)
        }
        register["mailboxes"] = mailboxes
        register["inputs"] = (register["inputs"] as! [[String: Any]]).map { input in
            var copy = input
            copy["sha256"] = String(repeating: "0", count: 56) + name.padding(toLength: 8, withPad: "0", startingAt: 0)
            return copy
        }
        let path = dir + "/" + name + ".json"
        try JSONSerialization.data(withJSONObject: register).write(to: URL(fileURLWithPath: path))
        return path
    }

    func history(_ ws: String) throws -> [[String: Any]] {
        try json(try ok(["workspace", "history", "--workspace", ws, "--format", "json"]).stdout) as? [[String: Any]] ?? []
    }

    @Test func aProcessKilledDuringAnImportLeavesThePreviousRun() throws {
        let dir = temporaryFolder().path
        let ws = dir + "/ws"
        _ = try ok(["workspace", "init", ws])
        _ = try ok(["assess", "Examples/contoso", "--out", dir + "/first", "--as-of", "2026-11-28", "--workspace", ws])
        let before = try history(ws)
        let big = try bigRegister(dir, name: "big", count: 20_000)
        let wal = ws + "/workspace.sqlite-wal"
        func walStamp() -> String {
            let a = try? FileManager.default.attributesOfItem(atPath: wal)
            return "\(a?[.size] ?? 0) \((a?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        }
        let stamp = walStamp()
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["workspace", "import", big, "--workspace", ws]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The transaction is under way once its pages start reaching the write-ahead log.
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && walStamp() == stamp && Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the import finished before it could be killed")

        let after = try history(ws)
        #expect(after.count == before.count && after.map { $0["id"] as? Int } == before.map { $0["id"] as? Int })
        #expect(try ok(["workspace", "check", "--workspace", ws]).stdout.contains("ok"))
        let status = try json(try ok(["workspace", "status", "--workspace", ws, "--format", "json"]).stdout) as? [String: Any]
        #expect((status?["tenants"] as? [[String: Any]])?.first?["senders"] as? Int == 12)
        // Run again, the import completes.
        _ = try ok(["workspace", "import", big, "--workspace", ws])
        #expect(try history(ws).count == before.count + 1)
    }

    @Test func twoImportsAtOnceWaitForEachOther() throws {
        let dir = temporaryFolder().path
        let ws = dir + "/ws"
        _ = try ok(["workspace", "init", ws])
        let first = try bigRegister(dir, name: "one", count: 3_000)
        let second = try bigRegister(dir, name: "two", count: 3_000)
        let processes = [first, second].map { path -> Process in
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["workspace", "import", path, "--workspace", ws]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            return p
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        #expect(try history(ws).count == 2)
        #expect(try ok(["workspace", "check", "--workspace", ws]).stdout.contains("ok"))
    }
}
