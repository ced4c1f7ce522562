/// Whether SMTP AUTH (client submission) is enabled for a mailbox, and which setting
/// decides it.
///
/// Source: Set-CASMailbox and Set-TransportConfig (office-docs-powershell): the mailbox's
/// `SmtpClientAuthenticationDisabled` wins when it is `True` or `False`; when it is blank
/// the organization's value applies ("The mailbox setting takes precedence over the
/// organization setting", authenticated-client-smtp-submission).
public struct SmtpAuthState: Sendable, Equatable, Codable {
    public enum DecidedBy: String, Sendable, Codable {
        case mailbox, tenant, unknown
    }

    /// true enabled, false disabled, nil unknown.
    public var enabled: Bool?
    public var decidedBy: DecidedBy
    /// The setting and where it was read, e.g. `Get-CASMailbox SmtpClientAuthenticationDisabled = False (CASMailbox.csv:4)`.
    public var evidence: String

    /// Every key is written, `null` when nil (docs/schemas/register.schema.json).
    enum CodingKeys: String, NullWritingKey {
        case enabled, decidedBy, evidence
    }

    public init(enabled: Bool?, decidedBy: DecidedBy, evidence: String) {
        self.enabled = enabled
        self.decidedBy = decidedBy
        self.evidence = evidence
    }
}

/// One layer that blocks (or may block) Basic authentication for SMTP.
public struct BlockingLayer: Sendable, Equatable, Codable, Hashable {
    public enum Layer: String, Sendable, Codable {
        /// SMTP AUTH itself is disabled (mailbox or tenant).
        case smtpAuthDisabled = "smtp-auth-disabled"
        /// The user's (or the default) authentication policy has AllowBasicAuthSmtp False.
        case authenticationPolicy = "authentication-policy"
        /// Security defaults are on.
        case securityDefaults = "security-defaults"
        /// An enabled Conditional Access policy blocks legacy authentication for the user.
        case conditionalAccess = "conditional-access"
    }

    public var layer: Layer
    /// The setting as the admin would look it up.
    public var setting: String
    /// The export (file and line) it came from.
    public var source: String
    /// Microsoft's documentation for the rule.
    public var reference: String

    public init(layer: Layer, setting: String, source: String, reference: String) {
        self.layer = layer
        self.setting = setting
        self.source = source
        self.reference = reference
    }
}

/// A fact that could not be decided, and the export that would decide it.
public struct Unknown: Sendable, Equatable, Codable, Hashable {
    /// Which fact, for logic (summaries fold and filter on it); `what` is its wording for people.
    /// Not written to register.json (the schema has `what` and `settledBy`); a register read
    /// back has `.other`.
    public var kind: UnknownKind = .other
    public var what: String
    /// Export kinds (their titles) that would settle it.
    public var settledBy: [String]

    enum CodingKeys: String, CodingKey {
        case what, settledBy
    }

    public init(_ kind: UnknownKind, _ what: String, settledBy: [String]) {
        self.kind = kind
        self.what = what
        self.settledBy = settledBy
    }

    public init(what: String, settledBy: [String]) {
        self.init(.other, what, settledBy: settledBy)
    }
}
