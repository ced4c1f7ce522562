import AuthShiftCore

/// Everything decided about one mailbox: SMTP AUTH, Basic for SMTP, the layers that
/// block it, what is unknown, and the reasoning in plain words.
public struct MailboxDecision: Sendable, Equatable {
    public var address: String
    public var smtpAuth: SmtpAuthState
    public var basicAllowed: Bool?
    public var blockedBy: [BlockingLayer]
    public var policy: String?
    public var policySource: String
    public var explanation: [String]
    public var unknowns: [Unknown]
}
