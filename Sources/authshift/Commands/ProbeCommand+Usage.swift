import SMTPClient

extension ProbeRequest.Problem {
    /// The problem as a usage error naming the options that fix it.
    func usage(acs: Bool) -> String {
        switch self {
        case .userMissing(let mechanism):
            return "--auth \(mechanism.rawValue) needs --user" + (acs ? " (or --acs-resource, --client-id and --tenant)." : ".")
        case .passwordMissing(let mechanism):
            return "--auth \(mechanism.rawValue) needs a password: --password-env, --password-file or --password-stdin."
        case .appMissing: return "XOAUTH2 needs --tenant and --client-id."
        case .appCredentialMissing:
            return "XOAUTH2 needs a credential: --pfx, --certificate with --key, or --client-secret-env / --client-secret-file."
        case .senderMissing(let stage): return "--quit-after \(stage.rawValue) needs --from (or --user)."
        case .recipientsMissing(let stage): return "--quit-after \(stage.rawValue) needs --send-to."
        case .messageNotSent: return "--data is sent after DATA: give --send-to (and do not stop earlier with --quit-after)."
        case .tlsStageWithoutTLS: return "--quit-after tls needs TLS (--tls starttls or implicit)."
        case .authStageWithoutCredentials: return "--quit-after auth needs credentials (--user with a password, or --client-id)."
        }
    }
}
