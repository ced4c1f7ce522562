import AuthShiftCore

/// `inventory-todo.csv`: the senders whose inventory fields are still unknown, in the
/// inventory's own columns, pre-filled with what is known, so the admins complete it,
/// save it as `inventory.csv` in the exports folder and run assess again.
public enum InventoryTodo {
    public static let columns = ["sender", "system", "owner", "workload", "oauth_capable", "static_ip", "notes", "cutover_date"]

    public static func rows(_ register: Register) -> [SenderRow] {
        register.senders.filter { s in
            !s.recommendation.nothingToDo
                && ([s.owner, s.workload].contains { ($0 ?? "").isEmpty }
                    || [s.oauthCapable, s.staticIP].contains { $0 == nil || $0 == "unknown" })
        }
    }

    public static func render(_ register: Register) -> String {
        var w = CSVWriter(header: columns)
        for s in rows(register) {
            let system = s.systemInInventory ? s.system : ""
            let hint = s.sources.isEmpty ? "" : "seen from \(s.sources.joined(separator: " "))"
            w.row([
                s.sender, system, s.owner ?? "", s.workload ?? "", s.oauthCapable ?? "unknown", s.staticIP ?? "unknown",
                [s.notes ?? "", hint].filter { !$0.isEmpty }.joined(separator: "; "), s.cutoverDate?.description ?? "",
            ])
        }
        return w.text
    }
}
