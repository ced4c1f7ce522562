import AuthShiftCore

/// Reads one Graph `user` object (Microsoft Learn, "user resource type").
enum EntraUserReader {
    static func read(_ r: ExportRecord) throws -> EntraUser {
        guard let upn = r.string("userPrincipalName")?.lowercased() else {
            throw IngestError(
                .badValue, file: r.file, line: r.line, field: "userPrincipalName", "empty; every user needs a user principal name")
        }
        let mail = r.string("mail")?.lowercased()
        return EntraUser(
            userPrincipalName: upn, objectId: r.string("id")?.lowercased(), mail: mail == upn ? nil : mail,
            displayName: r.string("displayName"), accountEnabled: try r.exportedBool("accountEnabled").bool,
            userType: r.string("userType"), location: ExportLocation(r))
    }
}
