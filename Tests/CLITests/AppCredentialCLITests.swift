import Foundation
import Testing

/// App credentials end to end: `inspect` names the Graph pages, `assess` writes the section and
/// app-credentials.csv, `check` fails item 13 (exit 1) on an expired credential, `workspace status`
/// lists it, and `bridge check-config` refuses an expired listener certificate (exit 65).
@Suite struct AppCredentialCLITests {
    static let appId = "11111111-aaaa-4bbb-8ccc-000000000002"

    /// An app granted Exchange.ManageAsApp whose one client secret expired on 2026-11-02, a
    /// user page, and a script that connects as the app.
    static func exports() throws -> (exports: String, scripts: String) {
        let dir = temporaryFolder().path
        let exports = dir + "/exports"
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
        let files = [
            "Applications-page001.json": """
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#applications","value":[{"id":"a2","appId":"\(appId)",\
            "displayName":"Reporting job","keyCredentials":[],"passwordCredentials":[{"customKeyIdentifier":null,\
            "displayName":"reporting 2025","endDateTime":"2026-11-02T00:00:00Z","hint":"Abc","keyId":"c0ffee00-0000-4000-8000-000000000002",\
            "secretText":null,"startDateTime":"2025-11-02T00:00:00Z"}]}]}
            """,
            "ServicePrincipals-page001.json": """
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#servicePrincipals","value":[\
            {"id":"sp-exo","appId":"00000002-0000-0ff1-ce00-000000000000","displayName":"Office 365 Exchange Online","appRoles":[\
            {"id":"aaaaaaaa-0000-4000-8000-00000000000b","value":"Exchange.ManageAsApp"}],"appRoleAssignments":[]},\
            {"id":"sp2","appId":"\(appId)","displayName":"Reporting job","appRoles":[],"keyCredentials":[],"passwordCredentials":[],\
            "appRoleAssignments":[{"appRoleId":"aaaaaaaa-0000-4000-8000-00000000000b","resourceId":"sp-exo"}]}]}
            """,
            "Users-page001.json": """
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[{"id":"u1","userPrincipalName":"ops@contoso.com",\
            "mail":"ops@contoso.com","accountEnabled":true,"userType":"Member"}]}
            """,
        ]
        for (name, text) in files { try text.write(toFile: exports + "/" + name, atomically: true, encoding: .utf8) }
        let scripts = dir + "/scripts"
        try FileManager.default.createDirectory(atPath: scripts, withIntermediateDirectories: true)
        try "Connect-ExchangeOnline -AppId '\(appId)' -CertificateThumbprint 'AB' -Organization 'contoso.onmicrosoft.com'\nGet-Mailbox\n"
            .write(toFile: scripts + "/report.ps1", atomically: true, encoding: .utf8)
        return (exports, scripts)
    }

    @Test func assessCheckAndWorkspaceFlagTheExpiredSecret() throws {
        let (exports, scripts) = try Self.exports()
        let inspect = try CLI.run(["inspect", exports])
        #expect(inspect.stdout.contains("App registrations (Graph)"))
        #expect(inspect.stdout.contains("Service principals (Graph)"))
        #expect(inspect.stdout.contains("Users (Graph)"))

        let out = temporaryFolder().path
        let bridge = out + "-bridge.yaml"
        try """
        spool: /tmp/x
        listeners:
          - name: lan
            port: 2525
            tls: none
            trustedLanPlain: true
        oauth:
          tenant: contoso.onmicrosoft.com
          clientId: \(Self.appId.uppercased())
          clientSecretFile: /etc/authshift/secret
        routes:
          - name: scans-graph
            type: graph
          - name: smarthost
            type: smtp
            host: 127.0.0.1
        """.write(toFile: bridge, atomically: true, encoding: .utf8)
        let ws = out + "/ws"
        #expect(try CLI.run(["workspace", "init", ws]).status == 0)
        let assess = try CLI.run([
            "assess", exports, "--scripts", scripts, "--bridge-config", bridge, "--out", out + "/run", "--as-of", "2026-11-30",
            "--workspace", ws, "--tenant",
            "contoso.onmicrosoft.com",
        ])
        #expect(assess.status == 0, "\(assess.stderr)")
        #expect(
            assess.stdout.contains("App credentials: 1 (1 expired, 0 expiring soon, 1 client secret(s) where a certificate is advised)"))
        let csv = try String(contentsOfFile: out + "/run/app-credentials.csv", encoding: .utf8)
        #expect(csv.contains("Reporting job,\(Self.appId),Exchange.ManageAsApp,client-secret,reporting 2025"))
        #expect(csv.contains(",\"bridge route scans-graph (\(bridge)); script report.ps1\","))
        let report = try String(contentsOfFile: out + "/run/report.md", encoding: .utf8)
        #expect(report.contains("## App credentials"))
        #expect(report.contains("https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials"))

        let check = try CLI.run(["check", exports, "--as-of", "2026-11-30", "--format", "json"])
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stdout.contains("\"check\" : \"checklist-13\""))
        #expect(check.stdout.contains("expired 28 day(s) ago"))
        // A wider window than the default still fails; a credential far from expiry would pass.
        #expect(try CLI.run(["check", exports, "--as-of", "2026-11-30", "--credential-warn-days", "0"]).status == 1)

        let status = try CLI.run(["workspace", "status", "--workspace", ws])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("App client secret expired: Reporting job (\(Self.appId)) \"reporting 2025\", expires 2026-11-02"))
    }

    @Test func checkConfigRefusesAnExpiredListenerCertificate() throws {
        let fixtures = CLI.repositoryRoot + "/Tests/TestSupport/Fixtures/"
        let path = temporaryFolder().path + ".yaml"
        try """
        spool: /tmp/x
        listeners:
          - name: lan
            port: 2525
            tls: starttls
            certificate: \(fixtures)expired.pem
            key: \(fixtures)server-key.pem
        routes:
          - name: smarthost
            type: smtp
            host: 127.0.0.1
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["bridge", "check-config", "--config", path])
        #expect(r.status == 65)
        #expect(r.stdout.contains("listener lan: listener_tls_certificate valid until 2002-01-01T00:00:00Z"))
        #expect(r.stdout.contains("error: listener lan: the TLS certificate \(fixtures)expired.pem expired on 2002-01-01T00:00:00Z"))
    }
}
