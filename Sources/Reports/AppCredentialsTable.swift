import AuthShiftCore

/// The register's app credentials as one table, shared by `app-credentials.csv`, the
/// workbook's "AppCredentials" sheet and the reports, so every output shows the same columns.
public enum AppCredentialsTable {
    public static let columns = [
        "app", "appId", "permissions", "kind", "credential", "keyId", "expires", "daysLeft", "status", "certificateAdvised",
        "dependents", "advice", "evidence",
    ]

    public static func cells(_ c: AppCredentialRow) -> [String] {
        [
            c.appName, c.appId, c.permissions.joined(separator: ", "), c.kind.rawValue, c.name, c.keyId, c.expires?.description ?? "",
            c.daysLeft.map(String.init) ?? "", c.status.rawValue, c.certificateAdvised ? "yes" : "no", c.dependents.joined(separator: "; "),
            c.advice.joined(separator: " "), c.evidence.joined(separator: " "),
        ]
    }

    /// `app-credentials.csv`, Excel-friendly (see `CSVWriter`).
    public static func csv(_ rows: [AppCredentialRow]) -> String {
        var w = CSVWriter(header: columns)
        for row in rows { w.row(cells(row)) }
        return w.text
    }

    /// The section's lead sentence in the reports, with the public source of the advice.
    static let lead =
        "Certificates and client secrets of the apps granted SMTP.SendAsApp, Mail.Send, Exchange.ManageAsApp or full_access_as_app. "
        + "An expired one stops the app's token requests and its mail. Microsoft recommends a certificate instead of a client secret "
        + "in production (\(AppCredentialPolicy.certificateSource))."

    /// What a row says about who is affected.
    static func dependents(_ c: AppCredentialRow) -> String {
        c.dependents.isEmpty ? "no sender or script in these exports names this app ID" : c.dependents.joined(separator: ", ")
    }
}
