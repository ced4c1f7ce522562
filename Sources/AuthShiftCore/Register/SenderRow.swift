/// One row of the sender register: one sender address on one system.
public struct SenderRow: Sendable, Codable, Equatable {
    public enum CurrentAuth: String, Sendable, Codable, Comparable {
        case basic, mixed, unknown, oauth
        public static func < (a: CurrentAuth, b: CurrentAuth) -> Bool {
            [CurrentAuth.basic, .mixed, .unknown, .oauth].firstIndex(of: a)! < [CurrentAuth.basic, .mixed, .unknown, .oauth].firstIndex(
                of: b)!
        }
    }

    public enum Recipients: String, Sendable, Codable { case `internal`, external, mixed, unknown }
    public enum Volume: String, Sendable, Codable { case low, medium, high, unknown }

    /// Lower case.
    public var sender: String
    public var system: String
    /// Whether `system` names an inventory row; false for the "unidentified system" rows the
    /// register makes from source IPs alone. Not written to register.json (the text says it);
    /// a register read back has true.
    public var systemInInventory = true
    /// Source IP addresses seen for this sender and system.
    public var sources: [String]
    public var currentAuth: CurrentAuth
    /// Messages sent (SMTP AUTH clients report), nil when the report was not given or does not list the sender.
    public var messages: Int?
    public var volume: Volume
    public var tls: TLSMix?
    public var signIns: SignInFacts
    public var smtpAuth: SmtpAuthState
    public var basicAllowed: Bool?
    public var basicBlockedBy: [BlockingLayer]
    /// True only for a sender that authenticates with Basic successfully today.
    public var breaksAtDefaultChange: Bool
    /// Basic attempts that fail today (already broken).
    public var failingNow: Bool
    public var recipients: Recipients
    public var owner: String?
    public var workload: String?
    public var oauthCapable: String?
    public var staticIP: String?
    public var notes: String?
    /// The day the owners plan to move it (inventory `cutover_date`).
    public var cutoverDate: CalendarDay? = nil
    public var recommendation: Recommendation
    /// Where each fact came from.
    public var evidence: [String]
    public var unknowns: [Unknown]
    /// The cutover ring (`authshift plan`); nil in registers written before rings existed.
    public var ring: String?
    /// Exports say Basic is blocked but successful Basic sign-ins came after them; nil otherwise.
    public var contradiction: BasicContradiction?

    /// Every key is written, `null` when nil (docs/schemas/register.schema.json).
    enum CodingKeys: String, NullWritingKey {
        case sender, system, sources, currentAuth, messages, volume, tls, signIns, smtpAuth, basicAllowed, basicBlockedBy,
            breaksAtDefaultChange, failingNow
        case recipients, owner, workload, oauthCapable, staticIP, notes, cutoverDate, recommendation, evidence, unknowns, ring,
            contradiction
    }

    public init(
        sender: String, system: String, sources: [String], currentAuth: CurrentAuth, messages: Int?, volume: Volume,
        tls: TLSMix?, signIns: SignInFacts, smtpAuth: SmtpAuthState, basicAllowed: Bool?, basicBlockedBy: [BlockingLayer],
        breaksAtDefaultChange: Bool, failingNow: Bool, recipients: Recipients, owner: String?, workload: String?,
        oauthCapable: String?, staticIP: String?, notes: String?, recommendation: Recommendation, evidence: [String],
        unknowns: [Unknown], contradiction: BasicContradiction? = nil
    ) {
        self.contradiction = contradiction
        self.sender = sender
        self.system = system
        self.sources = sources
        self.currentAuth = currentAuth
        self.messages = messages
        self.volume = volume
        self.tls = tls
        self.signIns = signIns
        self.smtpAuth = smtpAuth
        self.basicAllowed = basicAllowed
        self.basicBlockedBy = basicBlockedBy
        self.breaksAtDefaultChange = breaksAtDefaultChange
        self.failingNow = failingNow
        self.recipients = recipients
        self.owner = owner
        self.workload = workload
        self.oauthCapable = oauthCapable
        self.staticIP = staticIP
        self.notes = notes
        self.recommendation = recommendation
        self.evidence = evidence
        self.unknowns = unknowns
    }
}

/// The TLS versions a sender used (SMTP AUTH clients report, percent of messages).
public struct TLSMix: Sendable, Codable, Equatable {
    public var tls10: Double?
    public var tls11: Double?
    public var tls12: Double?
    /// Any TLS 1.0 or 1.1 share: a separate remediation task (migration guide).
    public var weak: Bool

    /// Every key is written, `null` when nil (docs/schemas/register.schema.json).
    enum CodingKeys: String, NullWritingKey {
        case tls10, tls11, tls12, weak
    }

    public init(tls10: Double?, tls11: Double?, tls12: Double?) {
        self.tls10 = tls10
        self.tls11 = tls11
        self.tls12 = tls12
        self.weak = (tls10 ?? 0) > 0 || (tls11 ?? 0) > 0
    }
}

/// Authenticated SMTP sign-ins for a sender and system.
public struct SignInFacts: Sendable, Codable, Equatable {
    public var successes: Int
    public var failures: Int
    public var firstSeen: Timestamp?
    public var lastSeen: Timestamp?
    public var failureReasons: [String: Int]

    /// Every key is written, `null` when nil (docs/schemas/register.schema.json).
    enum CodingKeys: String, NullWritingKey {
        case successes, failures, firstSeen, lastSeen, failureReasons
    }

    public init(
        successes: Int = 0, failures: Int = 0, firstSeen: Timestamp? = nil, lastSeen: Timestamp? = nil, failureReasons: [String: Int] = [:]
    ) {
        self.successes = successes
        self.failures = failures
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.failureReasons = failureReasons
    }
}

/// One mailbox's effective SMTP AUTH state.
public struct MailboxRow: Sendable, Codable, Equatable {
    public var address: String
    public var displayName: String?
    public var recipientType: String?
    public var smtpAuth: SmtpAuthState
    public var basicAllowed: Bool?
    public var basicBlockedBy: [BlockingLayer]
    /// The effective authentication policy and where it comes from.
    public var policy: String?
    public var policySource: String
    public var observedSmtpAuth: Bool
    /// The decision in plain words (also `authshift explain-mailbox`).
    public var explanation: [String]
    public var unknowns: [Unknown]
    /// Exports say Basic is blocked but successful Basic sign-ins came after them; nil otherwise.
    public var contradiction: BasicContradiction?

    /// Every key is written, `null` when nil (docs/schemas/register.schema.json).
    enum CodingKeys: String, NullWritingKey {
        case address, displayName, recipientType, smtpAuth, basicAllowed, basicBlockedBy, policy, policySource, observedSmtpAuth,
            explanation, unknowns
        case contradiction
    }

    public init(
        address: String, displayName: String?, recipientType: String?, smtpAuth: SmtpAuthState, basicAllowed: Bool?,
        basicBlockedBy: [BlockingLayer], policy: String?, policySource: String, observedSmtpAuth: Bool,
        explanation: [String], unknowns: [Unknown], contradiction: BasicContradiction? = nil
    ) {
        self.contradiction = contradiction
        self.address = address
        self.displayName = displayName
        self.recipientType = recipientType
        self.smtpAuth = smtpAuth
        self.basicAllowed = basicAllowed
        self.basicBlockedBy = basicBlockedBy
        self.policy = policy
        self.policySource = policySource
        self.observedSmtpAuth = observedSmtpAuth
        self.explanation = explanation
        self.unknowns = unknowns
    }
}

/// An account seen signing in with the Exchange Online PowerShell legacy client: automation
/// to migrate, kept apart from senders as the migration guide insists.
public struct AutomationRow: Sendable, Codable, Equatable {
    public var account: String
    /// The cutover ring (always PowerShell automation).
    public var ring: String?
    public var sources: [String]
    public var signIns: SignInFacts
    public var replacement: String
    public var why: String
    public var evidence: [String]

    /// Every key is written, `null` when nil (docs/schemas/register.schema.json).
    enum CodingKeys: String, NullWritingKey {
        case account, ring, sources, signIns, replacement, why, evidence
    }

    public init(account: String, sources: [String], signIns: SignInFacts, replacement: String, why: String, evidence: [String]) {
        self.account = account
        self.sources = sources
        self.signIns = signIns
        self.replacement = replacement
        self.why = why
        self.evidence = evidence
    }
}

/// One script in the automation register (`assess --scripts DIR`, from `authshift scan`):
/// the migration guide's automation register fields.
public struct ScriptAutomationRow: Sendable, Codable, Equatable {
    public var script: String
    /// Where it runs, guessed from the code and path.
    public var host: ScriptHost
    /// How it signs in.
    public var currentAuth: ScriptAuthentication
    public var readCmdlets: [String]
    public var changeCmdlets: [String]
    /// The least Exchange role group the cmdlets need.
    public var leastRole: String
    public var replacement: String
    /// Left empty for the owners to fill in.
    public var cutoverDate: String
    public var findings: [String]
    /// The application (client) IDs it signs in with (`Connect-ExchangeOnline -AppId`), so an
    /// expiring app credential names the scripts that depend on it; nil in older registers.
    public var appIds: [String]?

    public init(
        script: String, host: ScriptHost, currentAuth: ScriptAuthentication, readCmdlets: [String], changeCmdlets: [String],
        leastRole: String,
        replacement: String, cutoverDate: String = "", findings: [String]
    ) {
        self.script = script
        self.host = host
        self.currentAuth = currentAuth
        self.readCmdlets = readCmdlets
        self.changeCmdlets = changeCmdlets
        self.leastRole = leastRole
        self.replacement = replacement
        self.cutoverDate = cutoverDate
        self.findings = findings
    }
}
