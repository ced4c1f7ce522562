import ArgumentParser
import AuthShiftCore
import Foundation
import Reports
import Workspace

/// `authshift workspace import-inventory FILE`: the owners' sheet back, with conflicts reported.
struct WorkspaceImportInventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-inventory",
        abstract:
            "Apply the owners' sheet (saved as CSV): changed fields become audit rows; a field changed in the workspace since the "
            + "export is a conflict, reported and left as it is.",
        discussion:
            "Exit 1 when there are conflicts; 65 when a value is not valid (nothing is applied then). Save an .xlsx sheet as CSV "
            + "(UTF-8) first."
    )

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The sheet, saved as CSV.")
    var file: String

    @Option(help: "Who makes the change (default: the operating system's user name).")
    var by: String?

    @Option(help: "Output format: text, json or csv.")
    var format: WorkspaceFormat = .text

    func run() throws {
        if (file as NSString).pathExtension.lowercased() == "xlsx" {
            StandardError.write("error: \(file): an .xlsx sheet cannot be read back; save it as CSV (UTF-8) and import that\n")
            throw ExitMapping.exit(.dataError)
        }
        let store = try options.open()
        let result = try WorkspaceFailure.guarding {
            try store.importInventory(
                try InventoryCSV.read(path: file), by: EditAuthor(name: WorkspaceFailure.author(by), at: Timestamp(Date())))
        }
        switch format {
        case .json: StandardOutput.write(try JSONOutput.encode(result))
        case .csv:
            var w = CSVWriter(header: [
                "location", "tenant", "sender", "system", "field", "sheet_value", "workspace_value", "changed_by", "changed_at",
            ])
            for c in result.conflicts {
                w.row([
                    c.location, c.tenant, c.sender, c.system, c.field.rawValue, c.sheetValue ?? "", c.workspaceValue ?? "", c.changedBy,
                    c.changedAt.description,
                ])
            }
            StandardOutput.write(w.text)
        case .text:
            var s = "\(file): \(result.rows) row(s), \(result.applied.count) change(s) applied, \(result.conflicts.count) conflict(s).\n"
            for a in result.applied { s += "  " + WorkspaceText.audit(a) + " \(a.sender) (\(a.system))\n" }
            for c in result.conflicts {
                s +=
                    "CONFLICT \(c.location): \(c.sender) (\(c.system)) \(c.field.rawValue): the sheet says \(c.sheetValue ?? "(empty)"), "
                    + "but \(c.changedBy) set \(c.workspaceValue ?? "(empty)") on \(c.changedAt) after the sheet was made; kept "
                    + "\(c.workspaceValue ?? "(empty)")\n"
            }
            StandardOutput.write(s)
        }
        if !result.conflicts.isEmpty { throw ExitMapping.exit(.checkFailed) }
    }
}
