import AuthShiftCore
import Collect
import Foundation
import Testing

/// The credentials of apps that send mail or run Exchange Online app-only, from Graph
/// `applications` and `servicePrincipals`, and what is flagged about them.
@Suite struct AppCredentialInventoryTests {
    static let smtpRole = "2f1d6a4e-8b5d-4f4f-9a6e-3a2f1c7b9d10"
    static let mailSendRole = "b633e1c5-b582-4048-a93e-9f11b44c7e96"
    static let readRole = "df021288-bdef-4463-88db-98f22de89214"

    /// Office 365 Exchange Online and Microsoft Graph with their app roles; a scanner relay
    /// holding SMTP.SendAsApp; a reporting app holding only User.Read.All.
    static var servicePrincipals: [[String: Any]] {
        [
            [
                "appId": "00000002-0000-0ff1-ce00-000000000000", "displayName": "Office 365 Exchange Online",
                "appRoles": [["id": smtpRole, "value": "SMTP.SendAsApp"]],
            ],
            [
                "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph",
                "appRoles": [["id": mailSendRole, "value": "Mail.Send"], ["id": readRole, "value": "User.Read.All"]],
            ],
            [
                "appId": "aaaa0000-0000-0000-0000-000000000001", "displayName": "Scanner relay",
                "appRoleAssignments": [["appRoleId": smtpRole], ["appRoleId": mailSendRole.uppercased()]],
            ],
            [
                "appId": "aaaa0000-0000-0000-0000-000000000002", "displayName": "Reporting",
                "appRoleAssignments": [["appRoleId": readRole]],
            ],
        ]
    }

    static var applications: [[String: Any]] {
        [
            [
                "appId": "aaaa0000-0000-0000-0000-000000000001", "displayName": "Scanner relay",
                "keyCredentials": [
                    [
                        "keyId": "k1", "displayName": "CN=scanner-relay 2026", "type": "AsymmetricX509Cert", "usage": "Verify",
                        "endDateTime": "2026-12-10T00:00:00Z",
                    ],
                    [
                        "keyId": "k2", "displayName": "CN=scanner-relay 2027", "type": "AsymmetricX509Cert", "usage": "Verify",
                        "endDateTime": "2027-12-01T00:00:00Z",
                    ],
                ],
                "passwordCredentials": [
                    ["keyId": "p1", "displayName": "old secret", "hint": "abc", "endDateTime": "2026-11-01T00:00:00.0000000Z"]
                ],
            ],
            [
                "appId": "aaaa0000-0000-0000-0000-000000000002", "displayName": "Reporting",
                "passwordCredentials": [["keyId": "p9", "displayName": "reporting", "endDateTime": "2026-11-02T00:00:00Z"]],
            ],
        ]
    }

    static let now = ISO8601DateFormatter().date(from: "2026-11-30T00:00:00Z")!

    @Test func onlyAppsHoldingAWatchedPermissionAreListed() {
        let credentials = AppCredentialInventory.credentials(applications: Self.applications, servicePrincipals: Self.servicePrincipals)
        #expect(credentials.map(\.keyID) == ["k1", "k2", "p1"])
        #expect(credentials.allSatisfy { $0.appName == "Scanner relay" && $0.permissions == ["Mail.Send", "SMTP.SendAsApp"] })
        #expect(credentials.first { $0.keyID == "p1" }?.kind == .clientSecret)
    }

    @Test func expiredExpiringAndSecretsAreFlaggedWithTheirSource() {
        let credentials = AppCredentialInventory.credentials(applications: Self.applications, servicePrincipals: Self.servicePrincipals)
        let findings = AppCredentialInventory.findings(credentials, now: Self.now)
        #expect(findings.map(\.problem) == [.expiresSoon(inDays: 10), .expired(daysAgo: 29), .secretWhereCertificateAdvised])
        #expect(findings[0].sentence.contains("CN=scanner-relay 2026") && findings[0].sentence.contains("expires in 10 day(s)"))
        #expect(findings[2].sentence.contains(AppCredentialFinding.certificateSource))
        // A shorter warning window leaves the certificate out.
        #expect(AppCredentialInventory.findings(credentials, now: Self.now, warningDays: 7).count == 2)
    }

    @Test func pagesWrittenByCollectGraphAreRead() throws {
        let folder = CollectFixtures.folder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, value) in [("ServicePrincipals-page001.json", Self.servicePrincipals), ("Applications-page001.json", Self.applications)]
        {
            let data = try JSONSerialization.data(withJSONObject: ["value": value])
            try data.write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
        try Data("{\"value\":".utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent("Broken-page001.json"))
        let principals = try AppCredentialInventory.pages(in: folder, prefix: "ServicePrincipals")
        let applications = try AppCredentialInventory.pages(in: folder, prefix: "Applications")
        #expect(AppCredentialInventory.credentials(applications: applications, servicePrincipals: principals).count == 3)
        #expect(throws: AppCredentialInventory.Problem.self) { try AppCredentialInventory.pages(in: folder, prefix: "Broken") }
    }
}
