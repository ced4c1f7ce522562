import AuthShiftCore
import Ingest

/// Renders what `inspect` found: every recognised file with its kind, rows, time range,
/// variant and warnings; every unrecognised file with the reason; every error.
public enum InspectionReport {
    public static func table(_ files: [InspectedFile]) -> String {
        var out = ""
        let recognised = files.filter { $0.kind != nil && $0.error == nil }
        if !recognised.isEmpty {
            var t = TextTable(header: ["FILE", "KIND", "ROWS", "FROM", "TO", "FORMAT", "VARIANT"], maximumCellWidth: 70)
            for f in recognised {
                t.add([
                    f.path, f.kind!.title, String(f.rows), f.firstTime?.description ?? "", f.lastTime?.description ?? "",
                    format(f), f.variant ?? "",
                ])
            }
            out += t.render()
            for f in recognised {
                for note in f.dateOrders where note.basis == .proven || note.basis == .option {
                    out += "note: \(f.path): \(note.sentence)\n"
                }
                for w in f.warnings { out += "warning: \(f.path): \(w)\n" }
            }
        }
        let unrecognised = files.filter { $0.kind == nil && $0.error == nil }
        if !unrecognised.isEmpty {
            out += "\nNot recognised:\n"
            for f in unrecognised { out += "  \(f.path): \(f.unrecognizedReason ?? "unknown content")\n" }
        }
        let failed = files.filter { $0.error != nil }
        if !failed.isEmpty {
            out += "\nCould not read:\n"
            for f in failed { out += "  error: \(f.error!.description)\n" }
        }
        return out
    }

    static func format(_ f: InspectedFile) -> String {
        var parts = [f.format]
        if let e = f.encoding, e != .utf8 { parts.append(e.rawValue) }
        if let d = f.delimiter, d != "," { parts.append("delimiter \(d)") }
        if f.typeName != nil { parts.append("#TYPE") }
        return parts.joined(separator: ", ")
    }

    struct Document: Codable {
        let schema: String
        let files: [InspectedFile]
    }

    public static func json(_ files: [InspectedFile]) throws -> String {
        try JSONOutput.encode(Document(schema: "authshift.inspect/1", files: files))
    }
}
