import AuthShiftCore
import Foundation

/// Reads Graph `applications` and `servicePrincipals` pages (with `appRoles` and expanded
/// `appRoleAssignments`) and lists the credentials of every app holding one of the permissions
/// that send mail or run Exchange Online app-only, then flags the expired, the expiring and the
/// client secrets where a certificate is advised.
public enum AppCredentialInventory {
    /// The permissions and the warning window `assess` and `check` use (AppCredentialPolicy).
    public static let watchedPermissions = AppCredentialPolicy.watchedPermissions
    public static let defaultWarningDays = AppCredentialPolicy.defaultWarningDays

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// `applications` and `servicePrincipals` are the `value` objects of their pages.
    public static func credentials(applications: [[String: Any]], servicePrincipals: [[String: Any]]) -> [AppCredential] {
        // Every resource's app roles: appRoleId -> permission name (e.g. Office 365 Exchange
        // Online's SMTP.SendAsApp, Microsoft Graph's Mail.Send).
        var roleNames: [String: String] = [:]
        for principal in servicePrincipals {
            for role in principal["appRoles"] as? [[String: Any]] ?? [] {
                if let id = role["id"] as? String, let value = role["value"] as? String { roleNames[id.lowercased()] = value }
            }
        }
        var held: [String: (name: String, permissions: Set<String>, principal: [String: Any])] = [:]
        for principal in servicePrincipals {
            guard let appID = principal["appId"] as? String else { continue }
            let granted = (principal["appRoleAssignments"] as? [[String: Any]] ?? []).compactMap { assignment -> String? in
                (assignment["appRoleId"] as? String).flatMap { roleNames[$0.lowercased()] }
            }.filter(watchedPermissions.contains)
            guard !granted.isEmpty else { continue }
            held[appID.lowercased(), default: ((principal["displayName"] as? String) ?? appID, [], principal)].permissions.formUnion(
                granted)
        }
        var out: [AppCredential] = []
        let applicationsByID = Dictionary(
            applications.compactMap { app in (app["appId"] as? String).map { ($0.lowercased(), app) } },
            uniquingKeysWith: { first, _ in first })
        for (appID, entry) in held.sorted(by: { $0.key < $1.key }) {
            let permissions = entry.permissions.sorted()
            // Credentials live on the application object (app registrations) and, less often,
            // on the service principal itself.
            for owner in [applicationsByID[appID], entry.principal].compactMap({ $0 }) {
                let name = (owner["displayName"] as? String) ?? entry.name
                let originalID = (owner["appId"] as? String) ?? appID
                for (list, kind) in [("keyCredentials", AppCredential.Kind.certificate), ("passwordCredentials", .clientSecret)] {
                    for credential in owner[list] as? [[String: Any]] ?? [] {
                        if kind == .certificate, let usage = credential["usage"] as? String, usage != "Verify" { continue }
                        let keyID = (credential["keyId"] as? String) ?? ""
                        if out.contains(where: { $0.appID == originalID && $0.keyID == keyID && !keyID.isEmpty }) { continue }
                        out.append(
                            AppCredential(
                                appID: originalID, appName: name, kind: kind,
                                name: (credential["displayName"] as? String) ?? (credential["hint"] as? String).map { "\($0)…" } ?? keyID,
                                keyID: keyID, expires: (credential["endDateTime"] as? String).flatMap(parseDate),
                                permissions: permissions))
                    }
                }
            }
        }
        return out
    }

    /// Expired, expiring within `warningDays`, and client secrets where a certificate is advised.
    public static func findings(_ credentials: [AppCredential], now: Date = Date(), warningDays: Int = defaultWarningDays)
        -> [AppCredentialFinding]
    {
        var out: [AppCredentialFinding] = []
        for credential in credentials {
            let (status, days) = AppCredentialPolicy.status(
                expires: credential.expires.map(Timestamp.init), now: Timestamp(now), warningDays: warningDays)
            switch status {
            case .expired: out.append(AppCredentialFinding(credential: credential, problem: .expired(daysAgo: -(days ?? 0))))
            case .expiring: out.append(AppCredentialFinding(credential: credential, problem: .expiresSoon(inDays: days ?? 0)))
            case .valid, .noExpiry: break
            }
            if credential.kind == .clientSecret {
                out.append(AppCredentialFinding(credential: credential, problem: .secretWhereCertificateAdvised))
            }
        }
        return out
    }

    /// The `value` objects of the Graph pages in `folder` whose names start with `prefix`
    /// (`Applications-page001.json`, ...), as `collect graph` writes them.
    public static func pages(in folder: String, prefix: String) throws(Problem) -> [[String: Any]] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
            $0.hasPrefix(prefix + "-page") && $0.hasSuffix(".json")
        }.sorted()
        var out: [[String: Any]] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path),
                let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                let value = object["value"] as? [[String: Any]]
            else {
                throw Problem(file: path, reason: "not a Graph page with a \"value\" list")
            }
            out += value
        }
        return out
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
