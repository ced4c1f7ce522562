import AuthShiftCore
import Testing

@testable import Ingest

/// Graph `applications`, `servicePrincipals` and `users` as Graph and `collect graph` write them:
/// recognised by their members (not their file names), read with their credentials, and refused
/// with the file, line and field when an export cut them short.
@Suite struct GraphAppRegistrationTests {
    /// A full application object (no $select): it also has createdDateTime and appRoles.
    static let fullApplication = #"""
        {"value":[{"id":"a1","appId":"11111111-AAAA-4bbb-8ccc-000000000001","createdDateTime":"2025-01-02T03:04:05Z",
        "displayName":"Scanner relay","appRoles":[],"signInAudience":"AzureADMyOrg",
        "keyCredentials":[{"customKeyIdentifier":"AB12","displayName":"CN=scanner-relay","endDateTime":"2026-12-10T00:00:00Z",
        "key":null,"keyId":"c0ffee00-0000-4000-8000-000000000001","startDateTime":"2025-12-10T00:00:00Z","type":"AsymmetricX509Cert",
        "usage":"Verify"}],
        "passwordCredentials":[{"customKeyIdentifier":null,"displayName":null,"endDateTime":"2026-11-02T00:00:00.1234567Z","hint":"Abc",
        "keyId":"c0ffee00-0000-4000-8000-000000000002","secretText":null,"startDateTime":"2025-11-02T00:00:00Z"}]}]}
        """#

    @Test func applicationIsRecognisedAndItsCredentialsRead() throws {
        let folder = TemporaryFolder()
        let (file, snapshot) = readFile(folder.write("apps.json", Self.fullApplication))
        #expect(file.error == nil)
        #expect(file.kind == .applications)
        let app = try #require(snapshot.appRegistrations.first)
        #expect(app.object == .application)
        #expect(app.appId == "11111111-aaaa-4bbb-8ccc-000000000001")
        #expect(app.credentials.map(\.kind) == [.certificate, .clientSecret])
        #expect(app.credentials[0].name == "CN=scanner-relay")
        #expect(app.credentials[0].usage == "Verify")
        // A secret without a display name is named by its hint, never by a value.
        #expect(app.credentials[1].name == "Abc…")
        #expect(app.credentials[1].endDateTime == Timestamp.from(year: 2026, month: 11, day: 2, millisecond: 123))
    }

    @Test func servicePrincipalWithoutExpandedAssignmentsIsRecognisedByItsType() throws {
        let folder = TemporaryFolder()
        let text = #"""
            [{"id":"sp-exo","appId":"00000002-0000-0ff1-ce00-000000000000","displayName":"Office 365 Exchange Online",
            "servicePrincipalType":"Application","appRoles":[{"id":"AAAAAAAA-0000-4000-8000-00000000000A","value":"SMTP.SendAsApp"}],
            "keyCredentials":[],"passwordCredentials":[]}]
            """#
        let (file, snapshot) = readFile(folder.write("sp.json", text))
        #expect(file.kind == .servicePrincipals)
        #expect(snapshot.appRegistrations.first?.appRoles == ["aaaaaaaa-0000-4000-8000-00000000000a": "SMTP.SendAsApp"])
    }

    /// A full user object has createdDateTime and userPrincipalName, as a sign-in has; it is a user.
    @Test func fullUserObjectIsAUserNotASignIn() throws {
        let folder = TemporaryFolder()
        let text = #"""
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[{"businessPhones":[],"displayName":"Scanner",
            "givenName":null,"id":"0F1E2D3C-0000-4000-8000-000000000001","mail":"Scanner@Contoso.com","surname":null,
            "userPrincipalName":"scanner@contoso.com","createdDateTime":"2024-01-01T00:00:00Z"}]}
            """#
        let (file, snapshot) = readFile(folder.write("users.json", text))
        #expect(file.kind == .entraUsers)
        let user = try #require(snapshot.entraUsers.first)
        #expect(user.objectId == "0f1e2d3c-0000-4000-8000-000000000001")
        #expect(user.mail == nil)
        #expect(user.displayName == "Scanner")
        #expect(user.accountEnabled == nil)
    }

    @Test(arguments: [("applications", ExportKind.applications), ("servicePrincipals", .servicePrincipals), ("users", .entraUsers)])
    func emptyPageIsRecognisedByItsContext(collection: String, kind: ExportKind) {
        let folder = TemporaryFolder()
        let text = "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#\(collection)(id,appId)\",\"value\":[]}"
        let (file, _) = readFile(folder.write("\(collection)-page001.json", text))
        #expect(file.kind == kind)
        #expect(file.unrecognizedReason == nil)
    }

    /// ConvertTo-Json's default -Depth 2 writes the credential list as text.
    @Test func truncatedCredentialListIsRefusedNamingTheField() {
        let folder = TemporaryFolder()
        let text = #"[{"appId":"a","displayName":"x","keyCredentials":"System.Object[]","passwordCredentials":[]}]"#
        let (file, _) = readFile(folder.write("apps.json", text))
        #expect(file.error?.kind == .badValue)
        #expect(file.error?.field == "keyCredentials")
        #expect(file.error?.line == 1)
        #expect(file.error?.message.contains("-Depth") == true)
    }

    @Test func unreadableExpiryIsRefusedNamingTheField() {
        let folder = TemporaryFolder()
        let text = #"[{"appId":"a","displayName":"x","passwordCredentials":[{"keyId":"k","endDateTime":"soon"}]}]"#
        let (file, _) = readFile(folder.write("apps.json", text))
        #expect(file.error?.field == "passwordCredentials.endDateTime")
        #expect(file.error?.message.contains("\"soon\"") == true)
    }

    @Test func signInAppIdsNameTheirUsers() {
        let folder = TemporaryFolder()
        let text = #"""
            {"value":[{"createdDateTime":"2026-11-20T08:00:00Z","userPrincipalName":"Scanner@contoso.com","clientAppUsed":"Authenticated SMTP",
            "appId":"11111111-AAAA-4bbb-8ccc-000000000001","ipAddress":"10.0.0.5","status":{"errorCode":0}}]}
            """#
        let (_, snapshot) = readFile(folder.write("signins.json", text))
        #expect(snapshot.signInUsersByAppId == ["11111111-aaaa-4bbb-8ccc-000000000001": ["scanner@contoso.com"]])
    }
}
