import ArgumentParser
import AuthShiftCore
import Foundation
import Reports
import Workspace

/// `authshift workspace set SENDER --owner ... --state ...`: people's edits, each an audit row.
struct WorkspaceSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract:
            "Set a sender's owner, chosen path, cutover date, ticket, note or state; every change is an audit row (who, when, old, new).",
        discussion: """
            States people set: discovered, owner-assigned, path-chosen, tested, cut-over, retired, exception. \
            verified and regressed come from the evidence of later runs. An empty value clears a field (--note "").
            """
    )

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The sender address.")
    var sender: String

    @Option(help: "The system, when the address is used by several.")
    var system: String?

    @Option(help: "The owner (a person or team).")
    var owner: String?

    @Option(help: "The chosen path: \(MigrationPath.allCases.map(\.rawValue).joined(separator: ", ")).")
    var path: String?

    @Option(help: "The planned cutover date (YYYY-MM-DD).")
    var cutover: String?

    @Option(help: "The change ticket.")
    var ticket: String?

    @Option(help: "The lifecycle state.")
    var state: String?

    @Option(help: "A note.")
    var note: String?

    @Option(help: "Who makes the change (default: the operating system's user name).")
    var by: String?

    @Option(help: "The day the change happened (YYYY-MM-DD, default today): a cut-over's verification period starts then.")
    var on: String?

    @Option(help: "Output format: text, json or csv.")
    var format: WorkspaceFormat = .text

    func validate() throws {
        if [owner, path, cutover, ticket, state, note].allSatisfy({ $0 == nil }) {
            throw ValidationError("Give at least one of --owner, --path, --cutover, --ticket, --state, --note.")
        }
        if let on, CalendarDay(iso: on) == nil { throw ValidationError("--on must be a date like 2026-12-01.") }
    }

    func run() throws {
        let store = try options.open()
        let given: [(SenderField, String?)] = [
            (.owner, owner), (.path, path), (.cutoverDate, cutover), (.ticket, ticket), (.note, note), (.state, state),
        ]
        let rows = try WorkspaceFailure.guarding { () -> [AuditEntry] in
            let edits = try given.filter { $0.1 != nil }.map { try SenderEdit($0.0, $0.1) }
            let author = EditAuthor(
                name: WorkspaceFailure.author(by), at: Timestamp(Date()), effectiveDay: on.flatMap(CalendarDay.init(iso:)))
            return try store.edit(SenderSelector(sender: sender, system: system, tenant: options.tenant), edits, by: author, origin: .edit)
        }
        switch format {
        case .json: StandardOutput.write(try JSONOutput.encode(rows))
        case .csv: StandardOutput.write(WorkspaceText.auditCSV(rows))
        case .text:
            StandardOutput.write(
                rows.isEmpty ? "Nothing changed: every value was already set.\n" : rows.map { WorkspaceText.audit($0) + "\n" }.joined())
        }
    }
}
