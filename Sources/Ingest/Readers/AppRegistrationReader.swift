import AuthShiftCore

/// Reads one Graph `application` or `servicePrincipal` object into an `AppRegistration`.
///
/// A list written as text ("System.Object[]", "@{...}") is ConvertTo-Json's default -Depth
/// cutting the export short: reading it as "no credentials" would hide an expiring one, so it
/// is an error naming the field.
enum AppRegistrationReader {
    static func read(_ r: ExportRecord, as object: AppRegistration.Object) throws -> AppRegistration {
        guard let appId = r.string("appId") else {
            throw IngestError(.badValue, file: r.file, line: r.line, field: "appId", "empty; every app needs its application (client) ID")
        }
        var credentials: [AppCredentialEntry] = []
        for (field, kind) in [("keyCredentials", AppCredentialKind.certificate), ("passwordCredentials", .clientSecret)] {
            for item in try list(r, field) {
                credentials.append(try credential(item, kind: kind, r: r, field: field))
            }
        }
        var roles: [String: String] = [:]
        for role in try list(r, "appRoles") {
            if let id = role["id"]?.stringValue, let value = role["value"]?.stringValue { roles[id.lowercased()] = value }
        }
        let granted = try list(r, "appRoleAssignments").compactMap { $0["appRoleId"]?.stringValue?.lowercased() }
        return AppRegistration(
            object: object, appId: appId.lowercased(), displayName: r.string("displayName") ?? appId, credentials: credentials,
            appRoles: roles, grantedRoleIds: granted, location: ExportLocation(r))
    }

    /// The items of a list member; none when the member is missing or null.
    static func list(_ r: ExportRecord, _ field: String) throws -> [JSONValue] {
        switch r.value(field) {
        case nil, .null?: return []
        case .array(let items)?: return items
        case let other?:
            throw IngestError(
                .badValue, file: r.file, line: r.line, field: r.columnName([field]),
                "holds \(ExportRecord.show(other)) where Graph writes a list: export again with ConvertTo-Json -Depth 10 or Invoke-MgGraphRequest -OutputType Json"
            )
        }
    }

    static func credential(_ item: JSONValue, kind: AppCredentialKind, r: ExportRecord, field: String) throws -> AppCredentialEntry {
        guard item.objectValue != nil else {
            throw IngestError(
                .badValue, file: r.file, line: r.line, field: field, "expected an object per credential, found \(ExportRecord.show(item))")
        }
        var end: Timestamp?
        if let text = item["endDateTime"]?.stringValue, !text.isEmpty {
            guard let parsed = ExportDate.parse(text) else {
                throw IngestError(
                    .badValue, file: r.file, line: r.line, field: "\(field).endDateTime", "expected a date and time, found \"\(text)\"")
            }
            end = parsed
        }
        let keyId = item["keyId"]?.stringValue ?? ""
        return AppCredentialEntry(
            kind: kind, displayName: item["displayName"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }, keyId: keyId,
            hint: item["hint"]?.stringValue, endDateTime: end, usage: item["usage"]?.stringValue)
    }
}
