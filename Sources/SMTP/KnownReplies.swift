/// Exchange Online's SMTP submission replies and what they mean, with the setting to
/// change. From ../shared/reference/exports.md §5, which cites each source; the table keeps
/// the source with every entry so the explanation can show it.
public struct KnownReply: Sendable, Equatable, Codable {
    public var id: String
    /// Enhanced status codes this entry covers (any of them).
    public var enhanced: [String]
    /// Text fragments, all of which must appear (case-insensitive); empty matches on the code alone.
    public var fragments: [String]
    public var meaning: String
    public var fix: String
    /// The setting or command to look at.
    public var setting: String
    public var source: String
    /// Whether retrying later can succeed.
    public var temporary: Bool
}

public enum KnownReplies {
    static let fixIssues = "Microsoft SupportArticles, fix-issues-with-printers-scanners-and-lob-applications-that-send-email-using-off"
    static let submission = "Microsoft SupportArticles, smtp-submission-improvements"

    /// Most specific first: the first entry whose codes and fragments match decides.
    public static let all: [KnownReply] = [
        KnownReply(id: "smtp-auth-disabled-tenant", enhanced: ["5.7.139"], fragments: ["disabled for the tenant"],
                   meaning: "SMTP AUTH is turned off for the whole organization and this mailbox inherits it.",
                   fix: "Move the sender to OAuth, HVE or a connector; or, as a named, time-limited exception, enable SMTP AUTH for this mailbox only.",
                   setting: "Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false (the tenant: Set-TransportConfig -SmtpClientAuthenticationDisabled)",
                   source: "Set-TransportConfig and Set-CASMailbox documentation; aka.ms/smtp_auth_disabled", temporary: false),
        KnownReply(id: "smtp-auth-disabled-mailbox", enhanced: ["5.7.139"], fragments: ["disabled for the mailbox"],
                   meaning: "SMTP AUTH is turned off for this mailbox.",
                   fix: "Enable SMTP AUTH for this mailbox if it must keep submitting (with an owner and an expiry), or move it to OAuth.",
                   setting: "Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false",
                   source: "Set-CASMailbox documentation; Dynamics 365 configure-email documentation", temporary: false),
        KnownReply(id: "basic-auth-disabled", enhanced: ["5.7.139"], fragments: ["basic authentication is disabled"],
                   meaning: "Basic authentication is refused for this account: security defaults, an authentication policy without AllowBasicAuthSmtp, or (from the end of December 2026) the new default.",
                   fix: "Move the client to OAuth (XOAUTH2). Until the final removal, a narrow authentication policy with -AllowBasicAuthSmtp can allow it for this user.",
                   setting: "Get-User <mailbox> | Select AuthenticationPolicy; Get-AuthenticationPolicy | Select Name, AllowBasicAuthSmtp; security defaults",
                   source: "authenticated-client-smtp-submission and disable-basic-authentication-in-exchange-online; the trigger mapping is unconfirmed", temporary: false),
        KnownReply(id: "criteria-not-met", enhanced: ["5.7.139"], fragments: ["did not meet the criteria"],
                   meaning: "Something beyond the password is required: multifactor authentication, or Conditional Access blocks legacy authentication for this user.",
                   fix: "Use OAuth; do not exclude the account from MFA or Conditional Access without a compensating control.",
                   setting: "Conditional Access policies for client app type 'Other clients'; the user's MFA registration",
                   source: "Dynamics 365 configure-email documentation; the Conditional Access mapping is third-party", temporary: false),
        KnownReply(id: "wrong-credentials", enhanced: ["5.7.139"], fragments: ["credentials were incorrect"],
                   meaning: "The user name or password is wrong (Basic authentication).",
                   fix: "Correct the credentials, or better, move the client to OAuth.",
                   setting: "the account's password; sign-in logs (error 50126)", source: "observed replies (freescout#4930)", temporary: false),
        KnownReply(id: "federated-sts", enhanced: ["5.7.139"], fragments: ["federated sts"],
                   meaning: "The user is federated and the on-premises STS (AD FS) could not be reached or does not offer HTTPS with a modern TLS version.",
                   fix: "Fix the federation service (reachability, TLS 1.2), or move the client to OAuth.",
                   setting: "the federation server", source: fixIssues, temporary: false),
        KnownReply(id: "smtp-auth-5.7.139", enhanced: ["5.7.139"], fragments: [],
                   meaning: "Authentication was refused (the text may be localized): SMTP AUTH disabled, Basic disabled, MFA or Conditional Access, or wrong credentials.",
                   fix: "Run authshift explain-mailbox on the mailbox to see which layer blocks it.",
                   setting: "Set-CASMailbox / Set-TransportConfig SmtpClientAuthenticationDisabled; authentication policies; security defaults; Conditional Access",
                   source: "exports.md §5 note on localized replies", temporary: false),
        KnownReply(id: "auth-unsuccessful", enhanced: ["5.7.3"], fragments: [],
                   meaning: "A generic authentication failure; for XOAUTH2 it means the token was not accepted (scope, service principal or mailbox permission).",
                   fix: "Basic: check SMTP AUTH on the mailbox, MFA, security defaults and Conditional Access. OAuth: request https://outlook.office365.com/.default, register the service principal with New-ServicePrincipal, grant Add-MailboxPermission FullAccess.",
                   setting: "Set-CASMailbox SmtpClientAuthenticationDisabled; New-ServicePrincipal; Add-MailboxPermission",
                   source: "how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth; " + fixIssues, temporary: false),
        KnownReply(id: "client-not-authenticated", enhanced: ["5.7.57"], fragments: [],
                   meaning: "The client submitted without authenticating, or could not negotiate TLS before AUTH.",
                   fix: "Configure the credentials or token and STARTTLS on port 587. A device with no credential field should use direct send or a connector instead.",
                   setting: "the device's SMTP settings", source: fixIssues + "; ndr fix-error-code-5-7-57", temporary: false),
        KnownReply(id: "send-as-denied-5.7.60", enhanced: ["5.7.60"], fragments: [],
                   meaning: "The From address is not the signed-in mailbox and it has no Send As right.",
                   fix: "Use the mailbox's own address as From, or grant Send As.",
                   setting: "Add-RecipientPermission -Identity <from> -Trustee <signed-in mailbox or app> -AccessRights SendAs",
                   source: fixIssues + "; OAuth documentation note on SendAs", temporary: false),
        KnownReply(id: "send-as-denied-store", enhanced: ["5.2.0", "5.2.252"], fragments: ["sendasdenied"],
                   meaning: "The mailbox store refused Send As: the same cause as 5.7.60.",
                   fix: "Use the mailbox's own address as From, or grant Send As.",
                   setting: "Add-RecipientPermission ... -AccessRights SendAs", source: "observed replies (OfficeDocs-Support#1187, gophish#2900)", temporary: false),
        KnownReply(id: "basic-retired", enhanced: ["5.7.30"], fragments: [],
                   meaning: "Basic authentication is no longer supported for client submission at all (the final retirement).",
                   fix: "OAuth (XOAUTH2), High Volume Email, a connector relay or another relay service.",
                   setting: "none: Basic cannot be re-enabled", source: "Exchange Team blog ba-p/4114750", temporary: false),
        KnownReply(id: "recipient-quota", enhanced: ["5.2.0"], fragments: ["submissionquotaexceeded"],
                   meaning: "The mailbox exceeded 10,000 recipients in a rolling 24 hours.",
                   fix: "Wait for the window to roll, spread the load, or use HVE or Azure Communication Services for bulk mail.",
                   setting: "the sending volume", source: submission, temporary: true),
        KnownReply(id: "concurrency", enhanced: ["4.3.2"], fragments: [],
                   meaning: "More than 3 connections submit for this mailbox at once.",
                   fix: "Send over at most 3 connections per mailbox, or spread over several mailboxes.",
                   setting: "the client's connection pool", source: submission, temporary: true),
        KnownReply(id: "mailbox-full", enhanced: ["5.2.2"], fragments: [],
                   meaning: "Sent Items filled the sending mailbox (SMTP AUTH submissions are saved there).",
                   fix: "Apply a retention policy to Sent Items.", setting: "retention policy", source: submission, temporary: false),
        KnownReply(id: "ip-reputation", enhanced: ["5.7.708"], fragments: [],
                   meaning: "Traffic from this IP address is not accepted (low reputation, typical for new or trial tenants).",
                   fix: "Ask Microsoft support for an IP exception until licences are assigned.", setting: "none in the tenant",
                   source: "ndr fix-error-codes-550-5-7-703-550-5-7-705-550-5-7-708-550-5-7-750", temporary: false),
        KnownReply(id: "tenant-blocked", enhanced: ["5.7.705", "5.7.750"], fragments: [],
                   meaning: "The tenant is blocked for spam or bulk, or mail came from a domain that is not accepted.",
                   fix: "Fix the compromise or add the domain, then ask support to unblock.", setting: "Get-AcceptedDomain",
                   source: "ndr fix-error-codes-550-5-7-703-550-5-7-705-550-5-7-708-550-5-7-750", temporary: false),
        KnownReply(id: "ip-throttled", enhanced: [], fragments: ["4.7.5"],
                   meaning: "IP throttling or graylisting: the source IP changed its sending pattern (mostly inbound or relay traffic).",
                   fix: "Set up a connector for on-premises relay, or wait while the history builds.", setting: "Get-InboundConnector",
                   source: "ndr fix-error-code-451-4-7-500-699-asxxx", temporary: true),
        KnownReply(id: "tenant-attribution", enhanced: ["5.7.64", "4.4.62"], fragments: [],
                   meaning: "Relay through a connector was not attributed to the tenant (a changed IP or certificate, or the wrong region).",
                   fix: "Update the inbound connector's SenderIPAddresses or TlsSenderCertificateName.",
                   setting: "Set-InboundConnector -SenderIPAddresses / -TlsSenderCertificateName", source: fixIssues, temporary: false),
        KnownReply(id: "restricted-sender", enhanced: ["5.1.8"], fragments: [],
                   meaning: "The mailbox is on the Restricted Users list for sending outbound spam.",
                   fix: "Remediate the account, then remove the block.", setting: "Microsoft Defender portal, Restricted entities", source: fixIssues, temporary: false),
        KnownReply(id: "xoauth2-malformed", enhanced: ["5.5.121", "5.5.122", "5.5.123", "5.5.124", "5.5.125", "5.5.126"], fragments: [],
                   meaning: "The XOAUTH2 payload is malformed (missing user, missing 'auth=Bearer' or missing token).",
                   fix: "Send base64(\"user=\" + mailbox + \"\\u{1}auth=Bearer \" + token + \"\\u{1}\\u{1}\").",
                   setting: "the client's XOAUTH2 encoding", source: "observed (tarickb/sasl-xoauth2#110); the code range is third-party", temporary: false),
        KnownReply(id: "transient", enhanced: ["4.7.0", "4.3.111"], fragments: ["temporary server error"],
                   meaning: "A transient service error.", fix: "Retry with back-off.", setting: "none",
                   source: "observed (MailKit#566, seq-app-htmlemail#101)", temporary: true),
    ]

    /// The entry a reply matches, or nil.
    public static func match(_ reply: SMTPReply) -> KnownReply? {
        let text = reply.text.lowercased()
        let enhanced = reply.enhanced
        return all.first { entry in
            let codeOK = entry.enhanced.isEmpty || (enhanced.map { entry.enhanced.contains($0) } ?? false)
            let fragmentsOK = entry.fragments.allSatisfy { f in
                text.contains(f) || (enhanced ?? "").hasPrefix(f)
            }
            return codeOK && fragmentsOK && !(entry.enhanced.isEmpty && entry.fragments.isEmpty)
        }
    }
}
