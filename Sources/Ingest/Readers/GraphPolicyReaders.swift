/// Readers for the Graph policy exports: security defaults and Conditional Access.
enum SecurityDefaultsReader {
    static func read(_ r: ExportRecord) throws -> SecurityDefaultsSetting {
        guard let enabled = try r.exportedBool("isEnabled").bool else {
            throw IngestError(.badValue, file: r.file, line: r.line, field: "isEnabled", "expected true or false")
        }
        return SecurityDefaultsSetting(isEnabled: enabled, location: ExportLocation(r))
    }
}

enum ConditionalAccessReader {
    static func read(_ r: ExportRecord) throws -> ConditionalAccessPolicySetting {
        guard let state = r.string("state") else {
            throw IngestError(
                .badValue, file: r.file, line: r.line, field: "state",
                "empty; expected enabled, disabled or enabledForReportingButNotEnforced")
        }
        let conditions = r.value("conditions")
        let users = conditions?["users"]
        // ConvertTo-Json's default -Depth 2 turns nested objects into text such as
        // "@{includeUsers=System.Object[]; ...}": reading that as "no users" would hide a block.
        for (name, value) in [
            ("conditions", conditions), ("conditions.users", users), ("conditions.clientAppTypes", conditions?["clientAppTypes"]),
            ("grantControls", r.value("grantControls")),
        ] {
            if case .string(let text)? = value {
                throw IngestError(
                    .badValue, file: r.file, line: r.line, field: name,
                    "holds text (\"\(text.prefix(40))\") where Graph writes an object or list: the export was cut short by ConvertTo-Json -Depth; export again with -Depth 10 or with Invoke-MgGraphRequest -OutputType Json"
                )
            }
        }
        func list(_ v: JSONValue?) -> [String] { v?.arrayValue?.compactMap(\.stringValue) ?? [] }
        return ConditionalAccessPolicySetting(
            id: r.string("id") ?? "",
            displayName: r.string("displayName") ?? "(unnamed)",
            state: state,
            clientAppTypes: list(conditions?["clientAppTypes"]),
            includeUsers: list(users?["includeUsers"]), excludeUsers: list(users?["excludeUsers"]),
            includeGroups: list(users?["includeGroups"]), excludeGroups: list(users?["excludeGroups"]),
            includeRoles: list(users?["includeRoles"]), excludeRoles: list(users?["excludeRoles"]),
            includeApplications: list(conditions?["applications"]?["includeApplications"]),
            builtInControls: list(r.value("grantControls")?["builtInControls"]),
            location: ExportLocation(r))
    }
}
