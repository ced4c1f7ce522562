import AuthShiftCore

/// The latest runs' exception registers: who keeps Basic, until when (days left counted from
/// today), and where each exception stands.
enum ExceptionsPage {
    static func table(_ rows: [(tenant: String, record: ExceptionRecord)], today: CalendarDay) -> DataTable {
        var table = DataTable(
            name: "exceptions",
            columns: ["Tenant", "Mailbox", "System", "Owner", "Expires", "Days left", "Status", "Replacement", "Ticket"],
            numeric: [5])
        table.rows = rows.map { tenant, e in
            [
                .text(tenant), .text(e.mailbox), .text(e.system), .text(e.owner), .text(e.expires?.description),
                .number(e.expires.map { today.days(until: $0) }), .text(e.status.rawValue), .text(e.replacement), .text(e.ticket),
            ]
        }
        return table
    }
}
