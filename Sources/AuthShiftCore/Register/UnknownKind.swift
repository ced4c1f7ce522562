/// The facts the effective-state evaluation and the sender register can leave undecided. Logic
/// decides on these cases; the `Unknown.what` beside each is the wording people read.
public enum UnknownKind: String, Sendable, Codable, CaseIterable {
    /// How a sender authenticates (Basic or OAuth).
    case authentication
    /// Who a sender sends to (internal or external).
    case recipients
    /// The exports say Basic SMTP is blocked, but sign-ins after them show it working.
    case basicBlockContradicted
    /// The mailbox's own SmtpClientAuthenticationDisabled.
    case mailboxSetting
    /// The organization's SmtpClientAuthenticationDisabled the mailbox inherits.
    case organizationSetting
    /// The authentication policy assigned to the user.
    case assignedPolicy
    /// The organization's default authentication policy.
    case defaultPolicy
    /// The settings of a named authentication policy (not in the export).
    case policySettings
    /// AllowBasicAuthSmtp of a named authentication policy.
    case policyBasicSmtp
    /// Whether security defaults are on.
    case securityDefaults
    /// The Conditional Access policies that block legacy authentication.
    case conditionalAccessPolicies
    /// Whether one legacy-blocking Conditional Access policy applies to the user.
    case conditionalAccessScope
    /// Read back from a register, or not classified.
    case other

    /// A fact about the mailbox's own blocking layers (its SMTP AUTH setting, its
    /// authentication policy, security defaults, Conditional Access): counted once per mailbox
    /// row, so the summary does not count it again for the sender of the same address.
    public var isMailboxLayer: Bool {
        switch self {
        case .mailboxSetting, .assignedPolicy, .defaultPolicy, .policySettings, .policyBasicSmtp, .securityDefaults,
            .conditionalAccessPolicies, .conditionalAccessScope:
            return true
        case .authentication, .recipients, .basicBlockContradicted, .organizationSetting, .other:
            return false
        }
    }
}
