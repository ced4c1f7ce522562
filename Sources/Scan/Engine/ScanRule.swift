/// One scan rule with a stable ID (SwiftLint's pattern): its description is its
/// documentation, and its examples run as tests, each also wrapped in a comment and a
/// here-string, where it must not trigger.
public protocol ScanRule: Sendable {
    static var id: String { get }
    static var title: String { get }
    static var help: String { get }
    /// The public pages the rule rests on, shown in docs/rules.md.
    static var source: String { get }
    static var triggeringExamples: [String] { get }
    static var nonTriggeringExamples: [String] { get }
    static func check(_ command: Command, in script: ScriptContext) -> [RuleHit]
}

/// What a rule reports for one command; the engine adds the file and position.
public struct RuleHit: Sendable, Equatable {
    public var severity: Severity
    public var message: String
    public var replacement: String

    public init(severity: Severity, message: String, replacement: String) {
        self.severity = severity
        self.message = message
        self.replacement = replacement
    }
}

/// Shared judgements the PowerShell rules make.
enum Judge {
    /// Exchange Online client-submission hosts (SMTP AUTH): smtp.office365.com, smtp-legacy.office365.com,
    /// and outlook.office365.com used as an SMTP host (docs/relay.md#submission-endpoints).
    static let submissionHosts: Set<String> = ["smtp.office365.com", "smtp-legacy.office365.com", "outlook.office365.com"]
    static let orderedHosts = ["smtp-legacy.office365.com", "smtp.office365.com", "outlook.office365.com"]

    /// Text that shows OAuth is in use (XOAUTH2, MailKit's SaslMechanismOAuth2, nodemailer's
    /// type: 'OAuth2', PHPMailer's AuthType).
    static func mentionsOAuth(_ text: String) -> Bool {
        text.containsIgnoringASCIICase("oauth2") || (text.containsIgnoringASCIICase("authtype") && text.containsIgnoringASCIICase("oauth"))
    }

    /// The submission host a text names, if any.
    static func submissionHost(in text: String) -> String? {
        orderedHosts.first { text.containsIgnoringASCIICase($0) }
    }

    static func isSubmissionHost(_ text: String) -> Bool {
        let host = text.lowercased().split(separator: ":").first.map(String.init) ?? ""
        return submissionHosts.contains(host)
    }

    /// The value of a parameter: named (any unambiguous abbreviation of at least `minimum`
    /// letters), splatted from a hashtable built in the script (keys quoted or not), or from
    /// $PSDefaultParameterValues.
    static func argument(_ full: String, minimum: Int = 2, of command: Command, in script: ScriptContext) -> Command.Element? {
        if let p = command.parameter(full, minimum: minimum) { return p.value }
        let lower = full.lowercased()
        for name in command.splats {
            guard case .hashtable(let table)? = script.variables[name] else { continue }
            if let v = table[lower] ?? table.first(where: { lower.hasPrefix($0.key) && $0.key.count >= minimum })?.value { return v }
        }
        for (key, v) in script.defaultParameters {
            let parts = key.split(separator: ":", maxSplits: 1)
            if parts.count == 2, wildcard(String(parts[0]), matches: command.canonicalName), String(parts[1]) == lower { return v }
        }
        return nil
    }

    /// The credential a command is given: named (any unambiguous abbreviation), splatted
    /// from a hashtable built in the script, or from $PSDefaultParameterValues.
    static func credential(of command: Command, in script: ScriptContext) -> (found: Bool, origin: ScriptContext.SecretOrigin) {
        if let p = command.parameter("Credential") {
            if let v = p.value { return (true, origin(script.value(of: v))) }
            return (true, .unknown)
        }
        for name in command.splats {
            if case .hashtable(let table)? = script.variables[name],
                let v = table["credential"] ?? table.first(where: { "credential".hasPrefix($0.key) && $0.key.count >= 2 })?.value
            {
                return (true, origin(script.value(of: v)))
            }
        }
        for (key, v) in script.defaultParameters {
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2, wildcard(parts[0], matches: command.canonicalName), parts[1] == "credential" {
                return (true, origin(script.value(of: v)))
            }
        }
        return (false, .unknown)
    }

    static func origin(_ v: ScriptContext.Value) -> ScriptContext.SecretOrigin {
        switch v {
        case .credential(let o), .secureString(let o): return o
        default: return .unknown
        }
    }

    /// `Connect-*` style wildcards in $PSDefaultParameterValues keys.
    static func wildcard(_ pattern: String, matches name: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasSuffix("*") { return name.hasPrefix(String(pattern.dropLast())) }
        if pattern.hasPrefix("*") { return name.hasSuffix(String(pattern.dropFirst())) }
        return pattern == name
    }

    static func severity(for origin: ScriptContext.SecretOrigin) -> Severity {
        switch origin {
        case .literal: return .critical
        case .clixml, .automation, .file: return .high
        case .prompt, .unknown: return .medium
        }
    }

    static func describe(_ origin: ScriptContext.SecretOrigin) -> String {
        switch origin {
        case .prompt: return "typed at a Get-Credential prompt"
        case .clixml: return "stored in an Import-Clixml file"
        case .automation: return "stored as an Azure Automation credential asset"
        case .literal: return "written in the script"
        case .file: return "read from a password file"
        case .unknown: return "of unknown origin"
        }
    }
}
