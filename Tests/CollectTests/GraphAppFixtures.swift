/// Graph `applications`, `servicePrincipals` and `users` objects written as Microsoft Graph
/// returns them (Microsoft Learn, "application resource type", "servicePrincipal resource
/// type", "keyCredential resource type", "passwordCredential resource type", "user resource
/// type"): credentials carry `displayName`, `keyId`, `endDateTime` and never a secret.
enum GraphAppFixtures {
    static let smtpRoleId = "aaaaaaaa-0000-4000-8000-00000000000a"
    static let manageRoleId = "aaaaaaaa-0000-4000-8000-00000000000b"
    static let scannerApp = "11111111-aaaa-4bbb-8ccc-000000000001"
    static let reportingApp = "11111111-aaaa-4bbb-8ccc-000000000002"
    static let webApp = "11111111-aaaa-4bbb-8ccc-000000000003"

    static let applications = [
        """
        {"id":"a1","appId":"\(scannerApp)","displayName":"Scanner relay","keyCredentials":[{"customKeyIdentifier":"AB12",\
        "displayName":"CN=scanner-relay","endDateTime":"2026-12-10T00:00:00Z","key":null,"keyId":"c0ffee00-0000-4000-8000-000000000001",\
        "startDateTime":"2025-12-10T00:00:00Z","type":"AsymmetricX509Cert","usage":"Verify"}],"passwordCredentials":[]}
        """,
        """
        {"id":"a2","appId":"\(reportingApp)","displayName":"Reporting job","keyCredentials":[],"passwordCredentials":[\
        {"customKeyIdentifier":null,"displayName":"reporting 2025","endDateTime":"2026-11-02T00:00:00Z","hint":"Abc",\
        "keyId":"c0ffee00-0000-4000-8000-000000000002","secretText":null,"startDateTime":"2025-11-02T00:00:00Z"}]}
        """,
        """
        {"id":"a3","appId":"\(webApp)","displayName":"Unrelated web app","keyCredentials":[],"passwordCredentials":[\
        {"displayName":"x","endDateTime":"2026-12-01T00:00:00Z","hint":"Xyz","keyId":"c0ffee00-0000-4000-8000-000000000003"}]}
        """,
    ]

    static let servicePrincipals = [
        """
        {"id":"sp-exo","appId":"00000002-0000-0ff1-ce00-000000000000","displayName":"Office 365 Exchange Online","appRoles":[\
        {"allowedMemberTypes":["Application"],"displayName":"SMTP.SendAsApp","id":"\(smtpRoleId)","isEnabled":true,"value":"SMTP.SendAsApp"},\
        {"allowedMemberTypes":["Application"],"displayName":"Exchange.ManageAsApp","id":"\(manageRoleId)","isEnabled":true,\
        "value":"Exchange.ManageAsApp"}],"keyCredentials":[],"passwordCredentials":[],"appRoleAssignments":[]}
        """,
        """
        {"id":"sp1","appId":"\(scannerApp)","displayName":"Scanner relay","appRoles":[],"keyCredentials":[],"passwordCredentials":[],\
        "appRoleAssignments":[{"id":"x1","appRoleId":"\(smtpRoleId)","principalId":"sp1","principalType":"ServicePrincipal",\
        "resourceDisplayName":"Office 365 Exchange Online","resourceId":"sp-exo"}]}
        """,
        """
        {"id":"sp2","appId":"\(reportingApp)","displayName":"Reporting job","appRoles":[],"keyCredentials":[],"passwordCredentials":[],\
        "appRoleAssignments":[{"id":"x2","appRoleId":"\(manageRoleId)","principalId":"sp2","principalType":"ServicePrincipal",\
        "resourceDisplayName":"Office 365 Exchange Online","resourceId":"sp-exo"}]}
        """,
        """
        {"id":"sp3","appId":"\(webApp)","displayName":"Unrelated web app","appRoles":[],"keyCredentials":[],"passwordCredentials":[],\
        "appRoleAssignments":[]}
        """,
    ]

    static let users = [
        """
        {"id":"0F1E2D3C-0000-4000-8000-000000000001","userPrincipalName":"Scanner@contoso.com","mail":"scanner@contoso.com",\
        "accountEnabled":true,"userType":"Member"}
        """,
        """
        {"id":"0f1e2d3c-0000-4000-8000-000000000002","userPrincipalName":"guest_fabrikam.com#EXT#@contoso.onmicrosoft.com",\
        "mail":"guest@fabrikam.com","accountEnabled":false,"userType":"Guest"}
        """,
    ]

    /// A Graph page of `items` with the collection's `@odata.context`.
    static func page(_ collection: String, _ items: [String], next: String? = nil) -> String {
        let link = next.map { ",\"@odata.nextLink\":\"\($0)\"" } ?? ""
        return
            "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#\(collection)\",\"value\":[\(items.joined(separator: ","))]\(link)}"
    }
}
