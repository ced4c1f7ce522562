/// The sender register: what `assess` writes as `register.json` (schema
/// `authshift.register/1`, documented in docs/register-schema.md) and what `plan` and
/// `diff` read back.
public struct Register: Sendable, Codable, Equatable {
    public static let schemaName = "authshift.register/1"

    public var schema: String
    public var generatedBy: String
    public var asOf: CalendarDay
    public var defaultChangeDate: CalendarDay
    public var timeline: Timeline
    /// The forecast's assumption, stated in every report.
    public var assumption: String
    public var tenant: TenantSettings
    public var inputs: [InputFile]
    public var senders: [SenderRow]
    /// Evaluated one at a time by `assess` (see MailboxRows), held when read back.
    public var mailboxes: MailboxRows
    public var automation: [AutomationRow]
    /// Unknowns across the register, each with the export that would settle it.
    public var unknowns: [UnknownSummary]
    /// The exception register as read (nil in registers written before it was added).
    public var exceptions: [ExceptionRecord]?
    /// Scripts that connect to Exchange Online (`assess --scripts DIR`); nil when not given.
    public var scripts: [ScriptAutomationRow]?
    /// Certificates and client secrets of the apps that send mail or run Exchange Online
    /// automation app-only (AppCredentialRow); nil when no app registrations were given.
    public var appCredentials: [AppCredentialRow]?

    /// Every key is written, `null` when nil (docs/schemas/register.schema.json).
    enum CodingKeys: String, NullWritingKey {
        case schema, generatedBy, asOf, defaultChangeDate, timeline, assumption, tenant, inputs, senders, mailboxes, automation, unknowns,
            exceptions, scripts, appCredentials
    }

    public init(
        generatedBy: String, asOf: CalendarDay, timeline: Timeline, assumption: String, tenant: TenantSettings,
        inputs: [InputFile], senders: [SenderRow], mailboxes: MailboxRows, automation: [AutomationRow],
        unknowns: [UnknownSummary]
    ) {
        self.schema = Register.schemaName
        self.generatedBy = generatedBy
        self.asOf = asOf
        self.defaultChangeDate = timeline.defaultChangeDate
        self.timeline = timeline
        self.assumption = assumption
        self.tenant = tenant
        self.inputs = inputs
        self.senders = senders
        self.mailboxes = mailboxes
        self.automation = automation
        self.unknowns = unknowns
    }
}

/// Tenant-wide settings as read (nil where the export was not given).
public struct TenantSettings: Sendable, Codable, Equatable {
    /// Get-TransportConfig SmtpClientAuthenticationDisabled as read; nil without that export.
    /// Written as "True", "False", "null" (blank) or "missing" (no such column).
    public var smtpClientAuthenticationDisabled: ExportedBool?
    public var defaultAuthenticationPolicy: String?
    public var securityDefaultsEnabled: Bool?
    /// Enabled Conditional Access policies that block legacy authentication.
    public var legacyBlockingConditionalAccessPolicies: [String]
    public var acceptedDomains: [String]

    /// Every key is written, `null` when nil (docs/schemas/register.schema.json).
    enum CodingKeys: String, NullWritingKey {
        case smtpClientAuthenticationDisabled, defaultAuthenticationPolicy, securityDefaultsEnabled,
            legacyBlockingConditionalAccessPolicies, acceptedDomains
    }

    public init(
        smtpClientAuthenticationDisabled: ExportedBool?, defaultAuthenticationPolicy: String?, securityDefaultsEnabled: Bool?,
        legacyBlockingConditionalAccessPolicies: [String], acceptedDomains: [String]
    ) {
        self.smtpClientAuthenticationDisabled = smtpClientAuthenticationDisabled
        self.defaultAuthenticationPolicy = defaultAuthenticationPolicy
        self.securityDefaultsEnabled = securityDefaultsEnabled
        self.legacyBlockingConditionalAccessPolicies = legacyBlockingConditionalAccessPolicies
        self.acceptedDomains = acceptedDomains
    }
}

/// One file the register was built from.
public struct InputFile: Sendable, Codable, Equatable {
    public var path: String
    public var kind: String
    public var rows: Int
    public var sha256: String?

    /// Every key is written, `null` when nil (docs/schemas/register.schema.json).
    enum CodingKeys: String, NullWritingKey {
        case path, kind, rows, sha256
    }

    public init(path: String, kind: String, rows: Int, sha256: String?) {
        self.path = path
        self.kind = kind
        self.rows = rows
        self.sha256 = sha256
    }
}

/// How many rows share one unknown, and what would settle it.
public struct UnknownSummary: Sendable, Codable, Equatable {
    public var what: String
    public var count: Int
    public var settledBy: [String]

    public init(what: String, count: Int, settledBy: [String]) {
        self.what = what
        self.count = count
        self.settledBy = settledBy
    }
}

/// One Basic SMTP exception as the register keeps it, for drift between runs.
public struct ExceptionRecord: Sendable, Codable, Equatable {
    public var mailbox: String
    public var system: String?
    public var owner: String?
    public var expires: CalendarDay?
    public var replacement: String?
    public var ticket: String?
    /// Where the exception stands as of the register's day.
    public var status: ExceptionStatus

    /// Every key is written, `null` when nil (docs/schemas/register.schema.json).
    enum CodingKeys: String, NullWritingKey {
        case mailbox, system, owner, expires, replacement, ticket, status
    }

    public init(
        mailbox: String, system: String?, owner: String?, expires: CalendarDay?, replacement: String?, ticket: String?,
        status: ExceptionStatus
    ) {
        self.mailbox = mailbox
        self.system = system
        self.owner = owner
        self.expires = expires
        self.replacement = replacement
        self.ticket = ticket
        self.status = status
    }
}
