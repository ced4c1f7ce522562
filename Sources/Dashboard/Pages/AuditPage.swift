import Workspace

/// The audit trail: every change to a sender, who made it and how (edit, inventory, automatic).
enum AuditPage {
    static func table(_ rows: [AuditEntry]) -> DataTable {
        var table = DataTable(
            name: "audit", columns: ["When", "Tenant", "Sender", "System", "By", "Origin", "Field", "Old", "New", "Reason"])
        table.rows = rows.map {
            [
                .text($0.at.description), .text($0.tenant),
                .link(
                    $0.sender, href: "/sender" + QueryString.make([("address", $0.sender), ("system", $0.system), ("tenant", $0.tenant)])),
                .text($0.system), .text($0.by), .text($0.origin.rawValue), .text($0.field.rawValue), .text($0.oldValue), .text($0.newValue),
                .text($0.reason),
            ]
        }
        return table
    }
}
