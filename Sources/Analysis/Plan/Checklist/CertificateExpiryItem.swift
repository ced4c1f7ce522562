import AuthShiftCore

/// 13. Certificates of app-only senders and automation have expiry monitoring.
///
/// Decided from the register's app credentials when app registrations and service principals
/// were given (`collect graph --app-credentials` or Graph exports): an expired certificate or
/// secret, or one expiring within `--credential-warn-days`, of an app granted SMTP.SendAsApp,
/// Mail.Send, Exchange.ManageAsApp or full_access_as_app fails the item, since the app's token
/// requests fail with it (Microsoft Learn, "Add and manage application credentials in Microsoft
/// Entra ID"). Client secrets are listed as evidence with the advice to use a certificate;
/// without those exports the item stays a process only the certificate inventory decides.
public enum CertificateExpiryItem: ChecklistItem {
    public static let number = 13
    public static let title = "App-only Exchange Online PowerShell certificates have expiry monitoring"
    public static let decidedBy =
        "your certificate inventory, or app registrations and service principals (authshift collect graph --app-credentials)"
    public static let required = true

    public static func check(_ facts: ChecklistFacts) -> ChecklistOutcome {
        guard let credentials = facts.register.appCredentials else {
            return ChecklistOutcome(.unknown, "a process, not visible in the exports", decidedBy: decidedBy)
        }
        let due = credentials.filter { $0.status == .expired || $0.status == .expiring }
        let secrets = credentials.filter(\.certificateAdvised)
        let evidence = (due + secrets.filter { !due.contains($0) }).flatMap(\.advice)
        if !due.isEmpty {
            return ChecklistOutcome(
                .fail, "\(due.count) credential(s) of apps that send mail or run Exchange automation expired or expire soon",
                evidence: evidence)
        }
        return ChecklistOutcome(
            .pass,
            "\(credentials.count) credential(s) of apps that send mail or run Exchange automation, none expired or expiring soon"
                + (secrets.isEmpty ? "" : "; \(secrets.count) client secret(s) where Microsoft advises a certificate"),
            evidence: evidence)
    }

    public static var examples: [ChecklistExample] {
        let row = AppCredentialRow(
            appId: "11111111-2222-3333-4444-555555555555", appName: "Scanner relay", permissions: ["SMTP.SendAsApp"],
            kind: .certificate, name: "CN=scanner", keyId: "k1", expires: nil, status: .valid, daysLeft: 200,
            certificateAdvised: false, dependents: [], advice: [], evidence: [])
        var expiring = row
        expiring.status = .expiring
        expiring.daysLeft = 5
        return [
            ChecklistExample(.unknown, .example()),
            ChecklistExample(.pass, .example { $0.register.appCredentials = [row] }),
            ChecklistExample(.pass, .example { $0.register.appCredentials = [] }),
            ChecklistExample(.fail, .example { $0.register.appCredentials = [row, expiring] }),
        ]
    }
}
