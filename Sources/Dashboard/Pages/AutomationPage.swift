import AuthShiftCore

/// Accounts that run Exchange Online PowerShell with stored credentials, and the scripts
/// `authshift scan` found, from the latest runs.
enum AutomationPage {
    static func automation(_ rows: [(tenant: String, row: AutomationRow)]) -> DataTable {
        var table = DataTable(
            name: "automation", columns: ["Tenant", "Account", "Ring", "Sources", "Sign-ins", "Replacement", "Why", "Evidence"],
            numeric: [4])
        table.rows = rows.map { tenant, a in
            [
                .text(tenant), .text(a.account), .text(a.ring), .text(a.sources.joined(separator: ", ")), .number(a.signIns.successes),
                .text(a.replacement), .text(a.why), .text(a.evidence.joined(separator: "; ")),
            ]
        }
        return table
    }

    static func scripts(_ rows: [(tenant: String, row: ScriptAutomationRow)]) -> DataTable {
        var table = DataTable(
            name: "scripts",
            columns: ["Tenant", "Script", "Host", "Authentication", "Least role", "Replacement", "Cutover", "Reads", "Changes", "Findings"])
        table.rows = rows.map { tenant, s in
            [
                .text(tenant), .text(s.script), .text(s.host.rawValue), .text(s.currentAuth.rawValue), .text(s.leastRole),
                .text(s.replacement),
                .text(s.cutoverDate), .text(s.readCmdlets.joined(separator: ", ")), .text(s.changeCmdlets.joined(separator: ", ")),
                .text(s.findings.joined(separator: "; ")),
            ]
        }
        return table
    }
}
