import Analysis
import AuthShiftCore

/// The rollout rings of each tenant's latest run: members, whether the exit criteria hold, and
/// what blocks them (the same evaluation as `authshift plan`).
enum RingsPage {
    static func statuses(_ register: Register) -> [RingStatus] {
        let valid = Set((register.exceptions ?? []).filter { $0.status.holds }.map(\.mailbox))
        return RingPlanner.evaluate(register, validExceptions: valid)
    }

    static func table(_ rows: [(tenant: String, ring: RingStatus)]) -> DataTable {
        var table = DataTable(
            name: "rings", columns: ["Tenant", "Ring", "Title", "Ready", "Members", "Member list", "Blockers", "Exit criteria"],
            numeric: [4])
        table.rows = rows.map { tenant, r in
            [
                .text(tenant), .text(r.ring), .text(r.title), .text(r.ready ? "yes" : "no"), .number(r.members.count),
                .text(r.members.joined(separator: ", ")), .text(r.blockers.joined(separator: "; ")), .text(r.exitCriteria),
            ]
        }
        return table
    }
}
