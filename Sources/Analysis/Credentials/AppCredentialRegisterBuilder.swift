import AuthShiftCore
import Ingest

/// The register's `appCredentials` section: for every app granted SMTP.SendAsApp, Mail.Send,
/// Exchange.ManageAsApp or full_access_as_app (AppCredentialPolicy.watchedPermissions), each
/// certificate and client secret with its expiry, status on the register's day, the advice,
/// and the senders and scripts that sign in with the app.
///
/// Grants are read from service principals: an app role assignment names a role ID, which the
/// resource's service principal (Office 365 Exchange Online, Microsoft Graph) defines in its
/// `appRoles`. Credentials live mostly on the app registration (`applications`) and sometimes
/// on the service principal itself; both are listed, each key once.
public enum AppCredentialRegisterBuilder {
    /// nil when neither app registrations nor service principals were given.
    public static func build(_ snapshot: TenantSnapshot, asOf: CalendarDay, warningDays: Int) -> [AppCredentialRow]? {
        guard snapshot.has(.applications) || snapshot.has(.servicePrincipals) else { return nil }
        var roleNames: [String: String] = [:]
        for app in snapshot.appRegistrations { roleNames.merge(app.appRoles) { first, _ in first } }
        var permissionsByApp: [String: Set<String>] = [:]
        for principal in snapshot.appRegistrations where principal.object == .servicePrincipal {
            let granted = principal.grantedRoleIds.compactMap { roleNames[$0] }.filter(AppCredentialPolicy.watchedPermissions.contains)
            if !granted.isEmpty { permissionsByApp[principal.appId, default: []].formUnion(granted) }
        }
        let now = Timestamp.from(year: asOf.year, month: asOf.month, day: asOf.day)
        var rows: [AppCredentialRow] = []
        var seen = Set<String>()
        // App registrations first: their display name is the one admins manage credentials under.
        let owners = snapshot.appRegistrations.filter { permissionsByApp[$0.appId] != nil }
            .sorted { ($0.appId, $0.object == .application ? 0 : 1) < ($1.appId, $1.object == .application ? 0 : 1) }
        for owner in owners {
            let permissions = (permissionsByApp[owner.appId] ?? []).sorted()
            for credential in owner.credentials {
                // A certificate used to sign SAML tokens (usage Sign) is not a sign-in credential.
                if credential.kind == .certificate, let usage = credential.usage, usage.lowercased() != "verify" { continue }
                let key =
                    owner.appId + "|" + (credential.keyId.isEmpty ? "\(owner.location)/\(credential.name)" : credential.keyId.lowercased())
                guard seen.insert(key).inserted else { continue }
                let (status, days) = AppCredentialPolicy.status(expires: credential.endDateTime, now: now, warningDays: warningDays)
                rows.append(
                    AppCredentialRow(
                        appId: owner.appId, appName: owner.displayName, permissions: permissions, kind: credential.kind,
                        name: credential.name, keyId: credential.keyId, expires: credential.endDateTime, status: status, daysLeft: days,
                        certificateAdvised: credential.kind == .clientSecret, dependents: senders(of: owner.appId, in: snapshot),
                        advice: AppCredentialPolicy.advice(
                            app: owner.displayName, kind: credential.kind, name: credential.name, status: status, daysLeft: days,
                            expires: credential.endDateTime),
                        evidence: [owner.location.description]))
            }
        }
        return rows.sorted { (rank($0), $0.daysLeft ?? .max, $0.appName, $0.keyId) < (rank($1), $1.daysLeft ?? .max, $1.appName, $1.keyId) }
    }

    /// Adds the scripts that name each app's ID (`Connect-ExchangeOnline -AppId`, found by
    /// `assess --scripts`) to its dependents.
    public static func attachScripts(_ scripts: [ScriptAutomationRow], to rows: inout [AppCredentialRow]) {
        var byApp: [String: [String]] = [:]
        for script in scripts {
            for appId in script.appIds ?? [] { byApp[appId.lowercased(), default: []].append("script \(script.script)") }
        }
        attach(byApp, to: &rows)
    }

    /// Adds dependents found outside the exports (scripts, the bridge configuration), by
    /// application ID (any case), each once.
    public static func attach(_ dependentsByAppId: [String: [String]], to rows: inout [AppCredentialRow]) {
        let lowered = Dictionary(dependentsByAppId.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: +)
        for index in rows.indices {
            guard let more = lowered[rows[index].appId] else { continue }
            rows[index].dependents = Array(Set(rows[index].dependents + more)).sorted()
        }
    }

    /// App role assignments whose role no exported service principal defines: the resource's
    /// service principal (Office 365 Exchange Online, Microsoft Graph) was left out, so whether
    /// the app holds a watched permission is unknown. Said in the register's unknowns, never
    /// silently read as "no permission".
    public static func unresolvedGrants(_ snapshot: TenantSnapshot) -> UnknownSummary? {
        var defined = Set<String>()
        for app in snapshot.appRegistrations { defined.formUnion(app.appRoles.keys) }
        let apps = snapshot.appRegistrations.filter { principal in
            principal.object == .servicePrincipal && principal.grantedRoleIds.contains { !defined.contains($0) }
        }
        let count = Set(apps.map(\.appId)).count
        guard count > 0 else { return nil }
        return UnknownSummary(
            what: "application permissions of apps whose granted app roles are defined by a service principal not among the exports",
            count: count,
            settledBy: [ExportKind.servicePrincipals.title + " of the resource apps too (Office 365 Exchange Online, Microsoft Graph)"])
    }

    static func senders(of appId: String, in snapshot: TenantSnapshot) -> [String] {
        (snapshot.signInUsersByAppId[appId] ?? []).sorted().map { "sender \($0)" }
    }

    /// Expired first, then expiring, then secrets where a certificate is advised, then the rest.
    static func rank(_ row: AppCredentialRow) -> Int {
        switch row.status {
        case .expired: return 0
        case .expiring: return 1
        case .valid, .noExpiry: return row.certificateAdvised ? 2 : 3
        }
    }
}
