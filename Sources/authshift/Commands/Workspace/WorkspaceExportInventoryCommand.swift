import ArgumentParser
import AuthShiftCore
import Foundation
import Reports
import Workspace

/// `authshift workspace export-inventory FILE.csv|FILE.xlsx`: the owners' sheet.
struct WorkspaceExportInventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-inventory",
        abstract: "Write the owners' sheet (CSV or XLSX by the file's extension): one row per sender with its editable fields.",
        discussion: "Keep the revision column: 'import-inventory' uses it to tell the owners' changes from the workspace's later ones."
    )

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "The file to write: .csv or .xlsx.")
    var file: String

    func validate() throws {
        let ext = (file as NSString).pathExtension.lowercased()
        if ext != "csv" && ext != "xlsx" { throw ValidationError("The file must end in .csv or .xlsx.") }
    }

    func run() throws {
        let store = try options.open()
        let rows = try WorkspaceFailure.guarding { try store.inventory(tenant: options.tenant) }
        let data: Data
        if (file as NSString).pathExtension.lowercased() == "xlsx" {
            var workbook = XLSXWorkbook()
            workbook.add("Inventory", header: InventoryRow.header, rows: rows.map { $0.cells.map { XLSXWorkbook.Cell.text($0) } })
            data = try workbook.data()
        } else {
            var writer = CSVWriter(header: InventoryRow.header)
            for row in rows { writer.row(row.cells) }
            data = Data(writer.text.utf8)
        }
        do { try data.write(to: URL(fileURLWithPath: file), options: .atomic) } catch {
            StandardError.write("error: \(file): cannot write: \(error.localizedDescription)\n")
            throw ExitMapping.exit(.cannotCreate)
        }
        StandardOutput.write("Wrote \(rows.count) sender(s) to \(file).\n")
    }
}
