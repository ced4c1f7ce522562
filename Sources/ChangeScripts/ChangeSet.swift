import AuthShiftCore

/// What the plan's scripts act on, taken from the register: the tenant's current setting,
/// each mailbox's current value, and the exception register.
public struct ChangeSet: Sendable {
    public struct MailboxChange: Sendable, Equatable {
        public var mailbox: String
        /// The value to set: `false` (SMTP AUTH enabled), `true`, or nil (inherit).
        public var target: Bool?
        /// The value the register saw, restored by the rollback script: `.value`, `.null`
        /// (inherit the organization's), or `.missingColumn` when no value was seen (no column,
        /// or the mailbox not in the Get-CASMailbox export), which the rollback leaves alone.
        public var previous: ExportedBool
        /// The register rows and exception behind it, e.g. "exception CHG-1001, expires 2027-03-31".
        public var reason: String

        public init(mailbox: String, target: Bool?, previous: ExportedBool, reason: String) {
            self.mailbox = mailbox
            self.target = target
            self.previous = previous
            self.reason = reason
        }
    }

    public var generatedBy: String
    /// ISO 8601 time of generation, shown in every header.
    public var generatedAt: String
    public var inputs: [InputFile]
    /// Get-TransportConfig SmtpClientAuthenticationDisabled as read; nil without that export.
    public var tenantDisabled: ExportedBool?
    /// Valid exceptions: mailboxes to keep enabled (False) under enforcement.
    public var exceptionMailboxes: [MailboxChange]
    /// Expired exceptions: mailboxes to return to inherit ($null).
    public var expiredMailboxes: [MailboxChange]
    /// Mailboxes enabled explicitly without a valid exception, closed by return-to-restricted.
    public var shadowMailboxes: [MailboxChange]
    /// Users for the narrow temporary authentication policy, with the policy each had.
    public var temporaryPolicyUsers: [(user: String, previousPolicy: String?, reason: String)]
    public var temporaryPolicyName: String

    public init(
        generatedBy: String, generatedAt: String, inputs: [InputFile], tenantDisabled: ExportedBool?, exceptionMailboxes: [MailboxChange],
        expiredMailboxes: [MailboxChange], shadowMailboxes: [MailboxChange],
        temporaryPolicyUsers: [(user: String, previousPolicy: String?, reason: String)],
        temporaryPolicyName: String = "authshift temporary SMTP Basic exceptions"
    ) {
        self.generatedBy = generatedBy
        self.generatedAt = generatedAt
        self.inputs = inputs
        self.tenantDisabled = tenantDisabled
        self.exceptionMailboxes = exceptionMailboxes
        self.expiredMailboxes = expiredMailboxes
        self.shadowMailboxes = shadowMailboxes
        self.temporaryPolicyUsers = temporaryPolicyUsers
        self.temporaryPolicyName = temporaryPolicyName
    }
}
