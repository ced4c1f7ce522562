import AuthShiftCore
import Foundation
import Ingest

/// Builds the automation register from scripts: every PowerShell file that connects to
/// Exchange Online (or Security & Compliance) gets a row with where it runs, how it signs
/// in, the Exchange cmdlets it calls (read or change), the least role those need and the
/// replacement.
///
/// Sources: the migration guide, "Create a separate automation register" (script, host,
/// owner, current auth, Exchange actions, required roles, replacement, cutover date);
/// Microsoft, "Permissions in Exchange Online" (role groups).
public enum AutomationProfiler {
    static let readVerbs: Set<String> = ["get", "search", "test", "export", "find", "measure", "show", "read", "resolve", "trace"]
    /// Nouns of Exchange Online cmdlets that change organization-wide configuration.
    static let organizationNouns = [
        "transportconfig", "transportrule", "inboundconnector", "outboundconnector", "accepteddomain", "remotedomain",
        "organizationconfig", "authenticationpolicy", "hostedcontentfilterpolicy", "hostedoutboundspamfilterpolicy",
        "antiphishpolicy", "dkimsigningconfig", "journalrule", "retentionpolicy",
    ]
    static let recipientNouns = [
        "mailbox", "casmailbox", "distributiongroup", "dynamicdistributiongroup", "mailuser", "mailcontact", "recipient",
        "mailboxpermission", "recipientpermission", "mailboxfolderpermission", "unifiedgroup", "user", "mailboxautoreplyconfiguration",
        "mailboxcalendarprocessing", "mailboxregionalconfiguration", "inboxrule", "calendarprocessing",
    ]
    static let exchangeNouns = Set(
        organizationNouns + recipientNouns + [
            "messagetrace", "messagetracev2", "messagetracedetail", "mailboxstatistics",
            "exomailbox", "exocasmailbox", "exorecipient", "exomailboxstatistics",
            "exomailboxpermission", "exorecipientpermission", "exomailboxfolderstatistics",
            "quarantinemessage", "compliancesearch", "mailboxauditbypassassociation",
        ])

    public static func profile(_ roots: [String]) throws -> [ScriptAutomationRow] {
        try TreeScanner.files(under: roots).compactMap { file -> ScriptAutomationRow? in
            guard SourceLanguage.of(fileName: (file.path as NSString).lastPathComponent) == .powershell,
                let source = try? UTF8ChunkSource(path: file.path), let bytes = try? source.readAll()
            else { return nil }
            return profile(bytes: bytes, display: file.display)
        }
    }

    public static func profile(bytes: [UInt8], display: String) -> ScriptAutomationRow? {
        let tokens = Tokenizer.code(bytes: bytes)
        let commands = CommandParser.commands(in: tokens)
        let context = ScriptContext.build(tokens, commands: commands)
        let connects = commands.filter {
            ["connect-exchangeonline", "connect-ippssession", "connect-ippsession"].contains($0.canonicalName)
        }
        let basicSession = commands.contains { !RemotePowerShellBasicRule.check($0, in: context).isEmpty }
        guard !connects.isEmpty || basicSession else { return nil }

        var auth = ScriptAuthentication.interactive
        var replacement = "none needed: it already signs in with modern authentication"
        if basicSession {
            auth = .basicRemotePowerShell
        } else if let c = connects.first {
            let (credential, origin) = Judge.credential(of: c, in: context)
            if credential {
                auth = authentication(credentialFrom: origin)
            } else if c.parameter("ManagedIdentity", minimum: 3) != nil {
                auth = .managedIdentity
            } else if c.parameter("CertificateThumbprint", minimum: 12) != nil || c.parameter("CertificateFilePath", minimum: 12) != nil
                || c.parameter("Certificate", minimum: 11) != nil
            {
                auth = .certificateAppOnly
            } else if c.parameter("AccessToken", minimum: 2) != nil {
                auth = .accessToken
            }
        }
        let hits = commands.flatMap { c in
            [ExchangeOnlineCredentialRule.check(c, in: context), RemotePowerShellBasicRule.check(c, in: context)].flatMap { $0 }
        }
        if let first = hits.first { replacement = first.replacement }

        var reads = Set<String>()
        var changes = Set<String>()
        for c in commands {
            let parts = c.canonicalName.split(separator: "-", maxSplits: 1).map(String.init)
            guard parts.count == 2, exchangeNouns.contains(parts[1]) else { continue }
            if readVerbs.contains(parts[0]) { reads.insert(c.name) } else { changes.insert(c.name) }
        }
        let changedNouns = changes.map { $0.lowercased().split(separator: "-", maxSplits: 1).last.map(String.init) ?? "" }
        let role: String
        if changedNouns.contains(where: { organizationNouns.contains($0) }) {
            role = "Organization Management"
        } else if !changedNouns.isEmpty {
            role = "Recipient Management"
        } else {
            role = "View-Only Organization Management (or the Entra role Global Reader)"
        }

        let lowerPath = display.lowercased()
        let host: ScriptHost
        if context.runsInAzureAutomation {
            host = .azureAutomation
        } else if lowerPath.contains(".github/") || lowerPath.contains("pipeline") || lowerPath.contains(".gitlab")
            || tokens.tokens.contains(where: { t in
                t.kind == .variable && ["env:github_", "env:build_", "env:system_"].contains { tokens.lowercased(t).hasPrefix($0) }
            })
        {
            host = .ciPipeline
        } else if auth.needsAPerson {
            host = .adminWorkstation
        } else {
            host = .scheduledTaskOrServer
        }

        var row = ScriptAutomationRow(
            script: display, host: host, currentAuth: auth, readCmdlets: reads.sorted(), changeCmdlets: changes.sorted(),
            leastRole: role, replacement: replacement,
            findings: hits.map { "\($0.severity.rawValue): \($0.message)" })
        // The app it signs in as, when written as a literal (or a variable holding one).
        let appIds = connects.compactMap { c in
            Judge.argument("AppId", minimum: 2, of: c, in: context).flatMap(context.literal)
        }
        if !appIds.isEmpty { row.appIds = Array(Set(appIds.map { $0.lowercased() })).sorted() }
        return row
    }

    static func authentication(credentialFrom origin: ScriptContext.SecretOrigin) -> ScriptAuthentication {
        switch origin {
        case .prompt: return .credentialTypedAtPrompt
        case .clixml: return .storedCredentialClixml
        case .automation: return .storedCredentialAutomation
        case .literal: return .storedCredentialLiteral
        case .file: return .storedCredentialFile
        case .unknown: return .storedCredentialUnknown
        }
    }
}
