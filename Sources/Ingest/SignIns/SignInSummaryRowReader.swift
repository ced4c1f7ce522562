import AuthShiftCore

/// Reads a sign-in summary row (`SignInSummaryColumns`) into the accumulator as the raw rows it
/// stands for, and turns the Log Analytics query API's answer into records.
enum SignInSummaryRowReader {
    static func add(_ r: ExportRecord, to acc: SignInAccumulator, notes: inout FileNotes) throws {
        guard let user = r.string(anyOf: SignInSummaryColumns.user) else {
            throw IngestError(.badValue, file: r.file, line: r.line, field: "UserPrincipalName", "empty; every summary row names its user")
        }
        guard let count = try r.integer("SignIns"), count > 0 else {
            throw IngestError(.badValue, file: r.file, line: r.line, field: "SignIns", "expected a count of at least 1")
        }
        let code = try r.integer("ResultType")
        let first = try r.timestamp(anyOf: SignInSummaryColumns.firstSeen)
        let last = try r.timestamp(anyOf: SignInSummaryColumns.lastSeen)
        if let first, let last, last < first {
            throw IngestError(.badValue, file: r.file, line: r.line, field: "LastSeen", "earlier than FirstSeen")
        }
        notes.saw(first)
        notes.saw(last)
        acc.addGroup(
            user: user.lowercased(), app: ClientApp(exported: r.string(anyOf: SignInSummaryColumns.clientApp) ?? "").name,
            ip: r.string(anyOf: SignInSummaryColumns.ipAddress) ?? "",
            outcome: SignInEvent.outcome(status: nil, errorCode: code), count: count, first: first, last: last,
            errorCode: code, failureReason: r.string(anyOf: SignInSummaryColumns.reason))
    }

    /// The rows of the first table of `{"tables":[{"name":"PrimaryResult","columns":[{"name":..,"type":..}],
    /// "rows":[[..]]}]}` (Log Analytics query API response format), each as an object record.
    static func records(tables: JSONValue, file: String) throws -> [ExportRecord] {
        guard case .array(let list) = tables, case .object(let table)? = list.first else {
            throw IngestError(
                .malformed, file: file, line: 1, field: "tables", "expected a list of tables, as the Log Analytics query API answers")
        }
        guard case .array(let columns)? = table["columns"], case .array(let rows)? = table["rows"] else {
            throw IngestError(.malformed, file: file, line: 1, field: "tables[0]", "a table needs \"columns\" and \"rows\"")
        }
        let names = columns.map { $0.objectValue?["name"]?.stringValue ?? "" }
        let missing = SignInSummaryColumns.signature.filter { group in !group.contains(where: names.contains) }.map { $0[0] }
        guard missing.isEmpty else {
            throw IngestError(
                .malformed, file: file, line: 1, field: "tables[0].columns",
                "a Log Analytics result without \(missing.joined(separator: ", ")): not the query of authshift collect kql")
        }
        var records: [ExportRecord] = []
        records.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            guard case .array(let cells) = row, cells.count == names.count else {
                throw IngestError(.malformed, file: file, line: 1, field: "tables[0].rows[\(index)]", "expected \(names.count) cells")
            }
            // The API writes numbers (SignIns, a long) as JSON numbers and ResultType as text.
            let object = JSONObject(zip(names, cells).map { (key: $0.0, value: $0.1) })
            records.append(ExportRecord(file: file, line: index + 1, object: object))
        }
        return records
    }
}
