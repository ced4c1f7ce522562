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
    /// Set when the sign-ins decided `basicAllowed` (the exports could not).
    var observed: ObservedBasicSMTP? = nil
    /// Set when the sign-ins contradict exports that say Basic is blocked.
    public var contradiction: BasicContradiction? = nil
}
