import AuthShiftCore
import Foundation

/// Typed reads of a record's values. Each throws an `IngestError` naming the file, line
/// and column when a value is present but not of the expected kind: a reader must never
/// turn `Yes` into `false` silently.
extension ExportRecord {
    /// Text of a column; nil when the column is missing or empty.
    public func string(_ aliases: String...) -> String? { string(anyOf: aliases) }

    public func string(anyOf aliases: [String]) -> String? {
        switch value(anyOf: aliases) {
        case .string(let s): return s.isEmpty ? nil : s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b): return b ? "True" : "False"
        case .object(let o):
            // PowerShell 5.1 wraps dates as {"value": "...", "DateTime": "..."}.
            if let inner = o["value"]?.stringValue { return inner }
            return nil
        default: return nil
        }
    }

    /// A tri-state Boolean as written by Export-Csv (`True`/`False`, empty, `""`) or
    /// ConvertTo-Json (`true`/`false`/`null`).
    public func exportedBool(_ aliases: String...) throws -> ExportedBool {
        guard let v = value(anyOf: aliases) else { return .missingColumn }
        switch v {
        case .null: return .null
        case .bool(let b): return .value(b)
        case .number(let n) where n == 0 || n == 1: return .value(n == 1)
        case .string(let s):
            switch s.trimming(" \t").lowercased() {
            case "": return .null
            case "true", "$true", "1": return .value(true)
            case "false", "$false", "0": return .value(false)
            case "null", "$null": return .null
            default: break
            }
        default: break
        }
        throw IngestError(
            .badValue, file: file, line: line, field: columnName(aliases),
            "expected True, False or empty, found \(ExportRecord.show(v))")
    }

    /// A whole number (message counts, error codes), accepting `1,234` and `1 234`.
    public func integer(_ aliases: String...) throws -> Int? {
        guard let v = value(anyOf: aliases) else { return nil }
        switch v {
        case .null: return nil
        case .number(let n) where Int(exactly: n) != nil: return Int(exactly: n)
        case .string(let s):
            let cleaned = s.filter { $0 != "," && $0 != " " && $0 != "\u{A0}" && $0 != "\u{202F}" }
            if cleaned.isEmpty { return nil }
            if let n = Int(cleaned) { return n }
            if let d = Double(cleaned), let exact = Int(exactly: d) { return exact }
        default: break
        }
        throw IngestError(
            .badValue, file: file, line: line, field: columnName(aliases),
            "expected a whole number, found \(ExportRecord.show(v))")
    }

    /// A percentage written `40%`, `40 %`, `40`, `12.5` or `0,5` (European decimal comma).
    public func percentage(_ aliases: String...) throws -> Double? {
        guard let v = value(anyOf: aliases) else { return nil }
        switch v {
        case .null: return nil
        case .number(let n): return n
        case .string(var s):
            s = s.trimming(" \t")
            if s.hasSuffix("%") { s.removeLast() }
            s = s.trimming(" \t\u{A0}").replacingOccurrences(of: ",", with: ".")
            if s.isEmpty || s == "-" { return nil }
            if let d = Double(s), d >= 0, d <= 100 { return d }
        default: break
        }
        throw IngestError(
            .badValue, file: file, line: line, field: columnName(aliases),
            "expected a percentage between 0 and 100, found \(ExportRecord.show(v))")
    }

    /// An instant in any of the date shapes the exports use (see `ExportDate`).
    public func timestamp(_ aliases: String...) throws -> Timestamp? { try timestamp(anyOf: aliases) }

    public func timestamp(anyOf aliases: [String]) throws -> Timestamp? {
        guard let v = value(anyOf: aliases) else { return nil }
        switch v {
        case .null: return nil
        case .number(let n) where abs(n) < 1e15: return Timestamp(millisecondsSince1970: Int64(n))
        case .string(let s) where s.isEmpty: return nil
        case .string(let s):
            if let t = parseDate(s, column: columnName(aliases)) { return t }
        case .object(let o):
            if let inner = o["value"]?.stringValue, let t = parseDate(inner, column: columnName(aliases)) { return t }
            if let inner = o["DateTime"]?.stringValue, let t = parseDate(inner, column: columnName(aliases)) { return t }
        default: break
        }
        throw IngestError(
            .badValue, file: file, line: line, field: columnName(aliases),
            "expected a date and time, found \(ExportRecord.show(v))")
    }

    /// A date a person typed (see `TypedDate`), in the day/month order decided for its file.
    public func typedDay(_ field: String) throws -> CalendarDay? {
        guard let text = string(field) else { return nil }
        do {
            return try TypedDate.day(TypedDate.read(text), order: dates?.typedOrder, raw: text)
        } catch {
            throw IngestError(.badValue, file: file, line: line, field: columnName([field]), error.message)
        }
    }

    /// Parses in the column's day/month order and counts what the value says about it.
    func parseDate(_ text: String, column: String) -> Timestamp? {
        var evidence = ExportDate.OrderEvidence.noOrder
        let t = ExportDate.parse(text, order: dates?.order(for: column), evidence: &evidence)
        if t != nil { dates?.record(column: column, evidence, line: line, value: text) }
        return t
    }

    /// A multi-valued property: a JSON array of strings (or of objects rendered by
    /// `ToString()`), or in CSV a string split on spaces, commas or semicolons.
    /// Returns nil when the export wrote the collection's type name instead of its items
    /// (Export-Csv's `ToString()` of a MultiValuedProperty, docs/exports.md#common-rules).
    public func stringList(_ aliases: String...) -> [String]? {
        guard let v = value(anyOf: aliases) else { return nil }
        switch v {
        case .null: return []
        case .array(let items):
            return items.compactMap { item in
                switch item {
                case .string(let s): return s
                case .number(let n): return String(n)
                case .object(let o):
                    for key in ["Expression", "Address", "Value", "Name", "Domain"] {
                        if let s = o[key]?.stringValue { return s }
                    }
                    return nil
                default: return nil
                }
            }
        case .string(let s):
            if ExportRecord.looksLikeTypeName(s) { return nil }
            return s.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "\n" }).map(String.init)
        default: return nil
        }
    }

    static func looksLikeTypeName(_ s: String) -> Bool {
        s.hasPrefix("System.") || s.hasPrefix("Microsoft.") || s.contains("MultiValuedProperty") || s.contains("`1[")
    }

    static func show(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return String(n)
        case .string(let s): return "\"\(s.count > 60 ? String(s.prefix(60)) + "…" : s)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
