import SMTP

/// What makes a request impossible before anything is read or sent, in the order the probe
/// would meet them. A caller names the fix in its own terms (the command line names options).
extension ProbeRequest {
    public enum Problem: Error, Sendable, Equatable {
        /// A mechanism other than none without a user name.
        case userMissing(Mechanism)
        /// PLAIN or LOGIN without a password.
        case passwordMissing(Mechanism)
        /// XOAUTH2 without the tenant or the app's client ID.
        case appMissing
        /// XOAUTH2 without a certificate or a client secret.
        case appCredentialMissing
        /// MAIL or later without an envelope sender.
        case senderMissing(ProbeStage)
        /// RCPT or later without a recipient.
        case recipientsMissing(ProbeStage)
        /// A message to send, but the probe stops before DATA.
        case messageNotSent
        /// Stopping after TLS without TLS.
        case tlsStageWithoutTLS
        /// Stopping after AUTH without credentials.
        case authStageWithoutCredentials
    }

    /// Every problem, the first one the one to tell.
    public var problems: [Problem] {
        var found: [Problem] = []
        let mechanism = resolvedMechanism
        if mechanism != .none && userName == nil { found.append(.userMissing(mechanism)) }
        if mechanism == .plain || mechanism == .login, basicSecret == nil { found.append(.passwordMissing(mechanism)) }
        if mechanism == .xoauth2 {
            if tenant == nil || clientID == nil { found.append(.appMissing) }
            if certificate == nil && clientSecret == nil { found.append(.appCredentialMissing) }
        }
        let stage = stage
        if stage >= .mail && sender == nil { found.append(.senderMissing(stage)) }
        if stage >= .rcpt && recipients.isEmpty { found.append(.recipientsMissing(stage)) }
        if case .provided = message, stage != .data { found.append(.messageNotSent) }
        if stage == .tls && resolvedTLS == .none { found.append(.tlsStageWithoutTLS) }
        if quitAfter == .auth && mechanism == .none { found.append(.authStageWithoutCredentials) }
        return found
    }
}
