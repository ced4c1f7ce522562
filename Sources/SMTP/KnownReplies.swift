/// Exchange Online's SMTP submission replies and what they mean, with the setting to
/// change. Every entry carries the public page(s) it rests on (`source`, one or more
/// `https://` addresses separated by " ; "), shown with the explanation; docs/replies.md
/// lists the table with the same sources.
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
    /// Public sources: `https://` addresses separated by " ; ".
    public var source: String
    /// Whether retrying later can succeed.
    public var temporary: Bool
}

public enum KnownReplies {
    // Public pages the entries cite (docs/replies.md lists what each one says).
    static let smtpAuthPage =
        "https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission"
    static let basicAuthPage =
        "https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/disable-basic-authentication-in-exchange-online"
    static let fixIssues =
        "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/fix-issues-with-printers-scanners-and-lob-applications-that-send-email-using-off"
    static let deviceSetup =
        "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365"
    static let oauthPage =
        "https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth"
    static let legacyTLSPage =
        "https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/opt-in-exchange-online-endpoint-for-legacy-tls-using-smtp-auth"
    static let legacyTLSBlog =
        "https://techcommunity.microsoft.com/blog/exchange/new-opt-in-endpoint-available-for-smtp-auth-clients-still-needing-legacy-tls/2659652"
    static let securityDefaultsPage = "https://learn.microsoft.com/en-us/entra/fundamentals/security-defaults"
    static let blockLegacyAuthPage =
        "https://learn.microsoft.com/en-us/azure/active-directory/conditional-access/block-legacy-authentication"
    static let submissionLimits = "https://learn.microsoft.com/en-us/exchange/troubleshoot/send-emails/smtp-submission-limits"
    static let ndr700 =
        "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-700-through-5-7-750"
    static let ndr4500 =
        "https://support.office.com/en-ie/article/fix-email-delivery-issues-for-error-code-451-4-7-500-699-asxxx-in-office-365-51356082-9fef-4639-a18a-fc7c5beae0c8"
    static let basicRetirementBlog =
        "https://techcommunity.microsoft.com/blog/exchange/exchange-online-to-retire-basic-auth-for-client-submission-smtp-auth/4114750"

    /// The table. When several entries match a reply, the one naming the most text fragments
    /// wins (ties: the earlier entry), so a reply whose text names its cause never falls to a
    /// code-only entry.
    public static let all: [KnownReply] = [
        KnownReply(
            id: "tls-1.0-1.1-refused", enhanced: ["4.7.66"], fragments: [],
            meaning:
                "The client negotiated TLS 1.0 or 1.1 with smtp.office365.com, which accepts only TLS 1.2 or later. The 421 code invites a retry, but the same client fails the same way every time.",
            fix:
                "Update the device's firmware or the application's TLS library to TLS 1.2. If it cannot be updated: opt the tenant in to the legacy endpoint and point the device at smtp-legacy.office365.com (Basic authentication there ends with the SMTP AUTH Basic retirement too), or send through authshift bridge, whose listener accepts TLS 1.0 devices (listener minimumTLSVersion) and delivers upstream with TLS 1.2 and OAuth.",
            setting:
                "Set-TransportConfig -AllowLegacyTLSClients $true, then host smtp-legacy.office365.com on the device (Get-TransportConfig | Format-List AllowLegacyTLSClients)",
            source: legacyTLSPage + " ; " + legacyTLSBlog, temporary: false),
        KnownReply(
            id: "smtp-auth-disabled-tenant", enhanced: ["5.7.139"], fragments: ["disabled for the tenant"],
            meaning: "SMTP AUTH is turned off for the whole organization and this mailbox inherits it.",
            fix:
                "Move the sender to OAuth, HVE or a connector; or, as a named, time-limited exception, enable SMTP AUTH for this mailbox only.",
            setting:
                "Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false (the tenant: Set-TransportConfig -SmtpClientAuthenticationDisabled)",
            source: smtpAuthPage + " ; https://github.com/simonrob/email-oauth2-proxy/issues/193", temporary: false),
        KnownReply(
            id: "smtp-auth-disabled-mailbox", enhanced: ["5.7.139"], fragments: ["disabled for the mailbox"],
            meaning: "SMTP AUTH is turned off for this mailbox.",
            fix: "Enable SMTP AUTH for this mailbox if it must keep submitting (with an owner and an expiry), or move it to OAuth.",
            setting: "Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false",
            source: smtpAuthPage, temporary: false),
        KnownReply(
            id: "security-defaults", enhanced: ["5.7.139"], fragments: ["security defaults"],
            meaning:
                "Microsoft Entra security defaults are on for the tenant. They block legacy authentication, SMTP AUTH with a password included, for every account, whatever SmtpClientAuthenticationDisabled says.",
            fix:
                "Move the client to OAuth (XOAUTH2 with SMTP.SendAsApp), HVE, a connector, or authshift bridge. Turning security defaults off is not a fix: it removes MFA for everyone unless Conditional Access policies replace it.",
            setting:
                "Microsoft Entra admin center > Overview > Properties > Manage security defaults (Graph: policies/identitySecurityDefaultsEnforcementPolicy, isEnabled)",
            source: securityDefaultsPage + " ; " + smtpAuthPage + " ; https://docs.bookyourpto.com/features/smtp-troubleshoot",
            temporary: false),
        KnownReply(
            id: "basic-auth-disabled", enhanced: ["5.7.139"], fragments: ["basic authentication is disabled"],
            meaning:
                "Basic authentication is refused for this account: an authentication policy without AllowBasicAuthSmtp, or (from the end of December 2026) the new default.",
            fix:
                "Move the client to OAuth (XOAUTH2). Until the final removal, a narrow authentication policy with -AllowBasicAuthSmtp can allow it for this user.",
            setting: "Get-User <mailbox> | Select AuthenticationPolicy; Get-AuthenticationPolicy | Select Name, AllowBasicAuthSmtp",
            source: basicAuthPage + " ; " + smtpAuthPage, temporary: false),
        KnownReply(
            id: "criteria-not-met", enhanced: ["5.7.139"], fragments: ["did not meet the criteria"],
            meaning:
                "Microsoft Entra ID refused the sign-in for a reason beyond the password: a Conditional Access policy blocks legacy authentication (client app 'Other clients') for this user, or it requires MFA, which SMTP AUTH Basic cannot do.",
            fix:
                "Use OAuth; do not exclude the account from Conditional Access or MFA without a compensating control (a named location, a dedicated account with no other rights).",
            setting: "Conditional Access policies for client app type 'Other clients' (the sign-in log names the policy, error 53003)",
            source: blockLegacyAuthPage + " ; " + fixIssues, temporary: false),
        KnownReply(
            id: "account-has-an-issue", enhanced: ["5.7.139"], fragments: ["account has an issue"],
            meaning:
                "Microsoft Entra ID refuses the account itself: it is blocked from sign-in, disabled, locked after failed attempts, its password expired or must be changed, or it is flagged as risky. The reply does not say which.",
            fix:
                "Look up the sign-in in the Entra sign-in log (its error code names the cause), fix the account, then move the client to OAuth.",
            setting:
                "the user's 'Block sign in' and password state; Entra sign-in logs for the account (error 50053 locked, 50057 disabled, 50055 password expired)",
            source: "https://github.com/freescout-help-desk/freescout/issues/2703", temporary: false),
        KnownReply(
            id: "wrong-credentials", enhanced: ["5.7.139"], fragments: ["credentials were incorrect"],
            meaning: "The user name or password is wrong (Basic authentication).",
            fix: "Correct the credentials, or better, move the client to OAuth.",
            setting: "the account's password; sign-in logs (error 50126)",
            source: "https://github.com/freescout-help-desk/freescout/issues/4930", temporary: false),
        KnownReply(
            id: "federated-sts", enhanced: ["5.7.139"], fragments: ["federated sts"],
            meaning:
                "The user is federated and the on-premises STS (AD FS) could not be reached or does not offer HTTPS with a modern TLS version.",
            fix: "Fix the federation service (reachability, TLS 1.2), or move the client to OAuth.",
            setting: "the federation server", source: fixIssues, temporary: false),
        KnownReply(
            id: "smtp-auth-5.7.139", enhanced: ["5.7.139"], fragments: [],
            meaning:
                "Authentication was refused and the text does not say why (it may be localized): SMTP AUTH disabled, Basic disabled, security defaults, Conditional Access or MFA, or wrong credentials.",
            fix: "Run authshift explain-mailbox on the mailbox to see which layer blocks it.",
            setting:
                "Set-CASMailbox / Set-TransportConfig SmtpClientAuthenticationDisabled; authentication policies; security defaults; Conditional Access",
            source: smtpAuthPage + " ; " + fixIssues, temporary: false),
        KnownReply(
            id: "starttls-required", enhanced: ["5.7.3"], fragments: ["starttls is required"],
            meaning:
                "The client tried to authenticate or send before starting TLS; smtp.office365.com takes credentials only after STARTTLS.",
            fix: "Configure the client for port 587 with STARTTLS (sometimes labelled 'TLS'; not 'SSL' on 465).",
            setting: "the device's SMTP security setting",
            source: deviceSetup + " ; https://github.com/apache/hertzbeat/issues/2365", temporary: false),
        KnownReply(
            id: "auth-unsuccessful", enhanced: ["5.7.3"], fragments: [],
            meaning:
                "A generic authentication failure; for XOAUTH2 it means the token was not accepted (scope, service principal or mailbox permission).",
            fix:
                "Basic: check SMTP AUTH on the mailbox, MFA, security defaults and Conditional Access. OAuth: request https://outlook.office365.com/.default, register the service principal with New-ServicePrincipal, grant Add-MailboxPermission FullAccess.",
            setting: "Set-CASMailbox SmtpClientAuthenticationDisabled; New-ServicePrincipal; Add-MailboxPermission",
            source: oauthPage + " ; " + fixIssues, temporary: false),
        KnownReply(
            id: "auth-mechanism-unrecognized", enhanced: ["5.7.4"], fragments: [],
            meaning:
                "The client asked for an AUTH mechanism the server does not offer at this point (for example AUTH PLAIN or CRAM-MD5, or AUTH before STARTTLS, when EHLO lists none).",
            fix: "Start TLS first, then use a mechanism the EHLO reply lists (LOGIN, or XOAUTH2 for OAuth).",
            setting: "the client's authentication method",
            source: "https://github.com/mattermost/mattermost/issues/954 ; " + deviceSetup, temporary: false),
        KnownReply(
            id: "client-not-authenticated", enhanced: ["5.7.57"], fragments: [],
            meaning: "The client submitted without authenticating, or could not negotiate TLS before AUTH.",
            fix:
                "Configure the credentials or token and STARTTLS on port 587. A device with no credential field should use direct send or a connector instead.",
            setting: "the device's SMTP settings", source: fixIssues, temporary: false),
        KnownReply(
            id: "send-as-denied-5.7.60", enhanced: ["5.7.60"], fragments: [],
            meaning: "The From address is not the signed-in mailbox and it has no Send As right.",
            fix: "Use the mailbox's own address as From, or grant Send As.",
            setting: "Add-RecipientPermission -Identity <from> -Trustee <signed-in mailbox or app> -AccessRights SendAs",
            source: fixIssues + " ; " + oauthPage, temporary: false),
        KnownReply(
            id: "send-as-denied-store", enhanced: ["5.2.0", "5.2.252"], fragments: ["sendasdenied"],
            meaning: "The mailbox store refused Send As: the same cause as 5.7.60.",
            fix: "Use the mailbox's own address as From, or grant Send As.",
            setting: "Add-RecipientPermission ... -AccessRights SendAs",
            source: "https://github.com/MicrosoftDocs/OfficeDocs-Support/issues/1187 ; https://github.com/gophish/gophish/issues/2900",
            temporary: false),
        KnownReply(
            id: "basic-retired", enhanced: ["5.7.30"], fragments: [],
            meaning: "Basic authentication is no longer supported for client submission at all (the final retirement).",
            fix: "OAuth (XOAUTH2), High Volume Email, a connector relay or another relay service.",
            setting: "none: Basic cannot be re-enabled", source: basicRetirementBlog, temporary: false),
        KnownReply(
            id: "recipient-quota", enhanced: ["5.2.0"], fragments: ["submissionquotaexceeded"],
            meaning: "The mailbox exceeded 10,000 recipients in a rolling 24 hours.",
            fix: "Wait for the window to roll, spread the load, or use HVE or Azure Communication Services for bulk mail.",
            setting: "the sending volume", source: submissionLimits, temporary: true),
        KnownReply(
            id: "concurrency", enhanced: ["4.3.2"], fragments: [],
            meaning: "More than 3 connections submit for this mailbox at once.",
            fix: "Send over at most 3 connections per mailbox, or spread over several mailboxes.",
            setting: "the client's connection pool", source: submissionLimits, temporary: true),
        KnownReply(
            id: "mailbox-full", enhanced: ["5.2.2"], fragments: [],
            meaning: "Sent Items filled the sending mailbox (SMTP AUTH submissions are saved there).",
            fix: "Apply a retention policy to Sent Items.", setting: "retention policy", source: submissionLimits, temporary: false),
        KnownReply(
            id: "ip-reputation", enhanced: ["5.7.708"], fragments: [],
            meaning: "Traffic from this IP address is not accepted (low reputation, typical for new or trial tenants).",
            fix: "Ask Microsoft support for an IP exception until licences are assigned.", setting: "none in the tenant",
            source: ndr700, temporary: false),
        KnownReply(
            id: "tenant-blocked", enhanced: ["5.7.705", "5.7.750"], fragments: [],
            meaning: "The tenant is blocked for spam or bulk, or mail came from a domain that is not accepted.",
            fix: "Fix the compromise or add the domain, then ask support to unblock.", setting: "Get-AcceptedDomain",
            source: ndr700, temporary: false),
        KnownReply(
            id: "ip-throttled", enhanced: [], fragments: ["4.7.5"],
            meaning: "IP throttling or graylisting: the source IP changed its sending pattern (mostly inbound or relay traffic).",
            fix: "Set up a connector for on-premises relay, or wait while the history builds.", setting: "Get-InboundConnector",
            source: ndr4500, temporary: true),
        KnownReply(
            id: "tenant-attribution", enhanced: ["5.7.64", "4.4.62"], fragments: [],
            meaning: "Relay through a connector was not attributed to the tenant (a changed IP or certificate, or the wrong region).",
            fix: "Update the inbound connector's SenderIPAddresses or TlsSenderCertificateName.",
            setting: "Set-InboundConnector -SenderIPAddresses / -TlsSenderCertificateName", source: fixIssues, temporary: false),
        KnownReply(
            id: "restricted-sender", enhanced: ["5.1.8"], fragments: [],
            meaning: "The mailbox is on the Restricted Users list for sending outbound spam.",
            fix: "Remediate the account, then remove the block.", setting: "Microsoft Defender portal, Restricted entities",
            source: fixIssues, temporary: false),
        KnownReply(
            id: "xoauth2-malformed", enhanced: ["5.5.121", "5.5.122", "5.5.123", "5.5.124", "5.5.125", "5.5.126"], fragments: [],
            meaning: "The XOAUTH2 payload is malformed (missing user, missing 'auth=Bearer' or missing token).",
            fix: "Send base64(\"user=\" + mailbox + \"\\u{1}auth=Bearer \" + token + \"\\u{1}\\u{1}\").",
            setting: "the client's XOAUTH2 encoding", source: "https://github.com/tarickb/sasl-xoauth2/issues/110", temporary: false),
        KnownReply(
            id: "transient", enhanced: ["4.7.0", "4.3.111"], fragments: ["temporary server error"],
            meaning: "A transient service error.", fix: "Retry with back-off.", setting: "none",
            source: "https://github.com/jstedfast/MailKit/issues/566", temporary: true),
    ]

    /// The entry a reply matches, or nil: among the entries whose codes and text fragments
    /// all match, the one with the most fragments (the most specific), the earlier on a tie.
    public static func match(_ reply: SMTPReply) -> KnownReply? {
        let text = reply.text.lowercased()
        let enhanced = reply.enhanced
        var best: KnownReply?
        for entry in all where !(entry.enhanced.isEmpty && entry.fragments.isEmpty) {
            let codeOK = entry.enhanced.isEmpty || (enhanced.map { entry.enhanced.contains($0) } ?? false)
            let fragmentsOK = entry.fragments.allSatisfy { f in text.contains(f) || (enhanced ?? "").hasPrefix(f) }
            guard codeOK, fragmentsOK else { continue }
            if best == nil || entry.fragments.count > best!.fragments.count { best = entry }
        }
        return best
    }
}
