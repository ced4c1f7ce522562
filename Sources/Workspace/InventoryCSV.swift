import AuthShiftCore
import Ingest

/// Reads an owners' inventory sheet saved as CSV (by Excel, LibreOffice or `Export-Csv`)
/// with Ingest's byte-level CSV reader: BOM, UTF-16, `;` delimiters and quoted line breaks as
/// the exports allow. The columns are `InventoryRow.header`'s; extra columns are ignored.
public enum InventoryCSV {
    public static func read(path: String) throws -> [InventoryRow] {
        do {
            let reader = try CSVStreamReader(path: path)
            guard try reader.readHeader() else {
                throw WorkspaceError(
                    .badValue, file: path, "the file is empty; expected the header \(InventoryRow.header.joined(separator: ","))")
            }
            var columns: [String: Int] = [:]
            for name in InventoryRow.header {
                guard let index = reader.header.index(of: name) else {
                    throw WorkspaceError(
                        .badValue, file: path, field: name, "column missing; a sheet from 'workspace export-inventory' has it")
                }
                columns[name] = index
            }
            var rows: [InventoryRow] = []
            while try reader.nextRecord() {
                let location = "\(path):\(reader.recordLine)"
                func value(_ name: String) -> String? {
                    let text = reader.string(at: columns[name]!)?.trimmingCharacters(in: .whitespaces) ?? ""
                    return text.isEmpty ? nil : unquoted(text)
                }
                func required(_ name: String) throws -> String {
                    guard let text = value(name) else {
                        throw WorkspaceError(.badValue, file: location, field: name, "empty; every row needs it")
                    }
                    return text
                }
                let revisionText = try required("revision")
                guard let revision = Int64(revisionText), revision >= 0 else {
                    throw WorkspaceError(
                        .badValue, file: location, field: "revision",
                        "\"\(revisionText)\" is not a whole number; leave the column as exported")
                }
                rows.append(
                    InventoryRow(
                        tenant: try required("tenant"), sender: try required("sender").lowercased(), system: try required("system"),
                        state: try required("state"), owner: value("owner"), path: value("path"), cutoverDate: value("cutover_date"),
                        ticket: value("ticket"), note: value("notes"), recommendedPath: value("recommended_path") ?? "",
                        currentAuth: value("current_auth") ?? "", lastSeen: value("last_seen") ?? "", revision: revision, location: location
                    ))
            }
            return rows
        } catch let error as IngestError {
            throw WorkspaceError(
                error.kind == .missingInput ? .missing : .badValue, file: error.file + (error.line.map { ":\($0)" } ?? ""),
                field: error.field, error.message)
        }
    }

    /// CSVWriter defuses a cell that starts with `=`, `+`, `-` or `@` with a leading apostrophe;
    /// the sheet read back loses it again.
    static func unquoted(_ text: String) -> String {
        guard text.hasPrefix("'"), let second = text.dropFirst().first, "=+-@\t\r".contains(second) else { return text }
        return String(text.dropFirst())
    }
}
