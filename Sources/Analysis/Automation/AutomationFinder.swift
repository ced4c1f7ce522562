import AuthShiftCore
import Ingest

/// Accounts that sign in with the Exchange Online PowerShell legacy client: stored-
/// credential or Basic remote PowerShell automation, kept apart from SMTP senders.
///
/// Source: migration guide, "Keep the inventories separate" and "Replacing
/// Connect-ExchangeOnline -Credential": unattended jobs move to app-only certificate
/// authentication (or managed identity in Azure), human-run scripts to interactive modern
/// authentication. An account that also signs in with modern clients is taken to be a
/// person running scripts by hand.
enum AutomationFinder {
    static func find(in summary: SignInSummary) -> [AutomationRow] {
        var byUser: [String: [SignInSummary.Group]] = [:]
        var modernUsers = Set<String>()
        for (key, stats) in summary.groups {
            if key.clientApp.isExchangeOnlinePowerShell {
                byUser[key.user, default: []].append(SignInSummary.Group(key: key, stats: stats))
            }
            if key.clientApp.category == .modern && key.outcome == .success { modernUsers.insert(key.user) }
        }
        return byUser.keys.sorted().map { user in
            let groups = byUser[user]!
            var facts = SignInFacts()
            for g in groups {
                facts.absorb(g)
            }
            let sources = Array(Set(groups.map(\.ipAddress))).sorted()
            let human = modernUsers.contains(user)
            let replacement =
                human
                ? "Interactive modern authentication: Connect-ExchangeOnline -UserPrincipalName <admin-upn>"
                : "App-only certificate authentication: Connect-ExchangeOnline -CertificateThumbprint <thumbprint> -AppId <app-id> -Organization <tenant>.onmicrosoft.com (or -ManagedIdentity when it runs in Azure Automation)"
            let why =
                human
                ? "The account also signs in with modern clients, so it looks like a person running scripts by hand (\(References.cutoverAutomation))."
                : "Only the Exchange Online PowerShell legacy client signs in with this account, which looks like an unattended job with a stored password (\(References.appOnlyPowerShell))."
            return AutomationRow(
                account: user, sources: sources, signIns: facts, replacement: replacement, why: why,
                evidence: [
                    "Entra sign-ins, client app Exchange Online PowerShell: \(facts.successes) succeeded, \(facts.failures) failed, from \(sources.joined(separator: ", "))"
                ])
        }
    }
}
