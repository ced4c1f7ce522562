import Testing

@testable import SMTP

/// Every reply in the table (docs/replies.md), as Exchange Online sends it, mapped to its entry:
/// one row per reply, and every entry has at least one row.
@Suite struct ReplyExplainerTests {
    static let table: [(String, String)] = [
        (
            "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [MN2PR05CA0004.namprd05.prod.outlook.com 2023-09-12T20:59:57.214Z 08DBB276B7E699C4]",
            "smtp-auth-disabled-tenant"
        ),
        ("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.", "smtp-auth-disabled-mailbox"),
        (
            "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [BM1P287CA0015.INDP287.PROD.OUTLOOK.COM]",
            "basic-auth-disabled"
        ),
        (
            "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator. [BN9PR03CA0716.namprd03.prod.outlook.com]",
            "criteria-not-met"
        ),
        ("535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.", "wrong-credentials"),
        ("535 5.7.139 Authentication unsuccessful, federated STS service was unreachable.", "federated-sts"),
        ("535 5.7.139 Authentication unsuccessful, the federated STS URL does not support HTTPS.", "federated-sts"),
        (
            "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator. [SA0PR11CA0021.namprd11.prod.outlook.com]",
            "security-defaults"
        ),
        (
            "535 5.7.139 Authentication unsuccessful, account has an issue. Contact your administrator. [LO4P123CA0669.GBRP123.PROD.OUTLOOK.COM 2023-02-08T11:00:28.022Z 08DB094EB9DF4489]",
            "account-has-an-issue"
        ),
        (
            "421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2. Visit https://aka.ms/smtp_auth_tls [DM6PR02CA0101.namprd02.prod.outlook.com]",
            "tls-1.0-1.1-refused"
        ),
        (
            "451 5.7.3 STARTTLS is required to send mail [SG2PR02CA0073.apcprd02.prod.outlook.com 2024-07-24T03:43:18.298Z 08DCAB6EB788477A]",
            "starttls-required"
        ),
        ("504 5.7.4 Unrecognized authentication type [CO1PR06CA048.outlook.office365.com]", "auth-mechanism-unrecognized"),
        ("535 5.7.139 Autenticação sem êxito, a autenticação básica está desabilitada.", "smtp-auth-5.7.139"),
        ("535 5.7.3 Authentication unsuccessful [SN2PR00CA0018.namprd00.prod.outlook.com]", "auth-unsuccessful"),
        ("530 5.7.57 Client not authenticated to send mail", "client-not-authenticated"),
        (
            "The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.57 Client not authenticated to send mail. Error: 535 5.7.139 Authentication unsuccessful",
            "client-not-authenticated"
        ),
        ("5.7.60 SMTP; Client does not have permissions to send as this sender", "send-as-denied-5.7.60"),
        (
            "554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message.",
            "send-as-denied-store"
        ),
        (
            "554 5.2.252 SendAsDenied; a@contoso.com not allowed to send as b@contoso.com; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied",
            "send-as-denied-store"
        ),
        ("550 5.7.30 Basic authentication is not supported for Client Submission.", "basic-retired"),
        ("554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException", "recipient-quota"),
        ("432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded", "concurrency"),
        ("554 5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded", "mailbox-full"),
        ("550 5.7.708 Access denied, traffic not accepted from this IP.", "ip-reputation"),
        ("550 5.7.705 Access denied, tenant has exceeded threshold.", "tenant-blocked"),
        ("550 5.7.750 Client blocked from sending from unregistered domain", "tenant-blocked"),
        ("451 4.7.500 Server busy. Please try again later from [203.0.113.7]. (S77719)", "ip-throttled"),
        ("550 5.7.64 TenantAttribution; Relay Access Denied", "tenant-attribution"),
        ("451 4.4.62 Mail sent to the wrong Office 365 region", "tenant-attribution"),
        ("550 5.1.8 Bad outbound sender", "restricted-sender"),
        ("501 5.5.124 Invalid XOAUTH2 auth data", "xoauth2-malformed"),
        ("451 4.7.0 Temporary server error. Please try again later. PRX4", "transient"),
        ("451 4.3.111 Temporary server error. Please try again later MRH1", "transient"),
    ]

    @Test(arguments: table.indices)
    func everyReferenceReplyIsKnown(i: Int) {
        let (text, id) = Self.table[i]
        let e = ReplyExplainer.explain(text)
        #expect(e.known?.id == id, "\(text) -> \(e.known?.id ?? "nothing")")
        #expect(!(e.known?.fix.isEmpty ?? true) && !(e.known?.source.isEmpty ?? true))
    }

    @Test func everyEntryHasATestRowAndPublicSources() {
        let tested = Set(Self.table.map { $0.1 })
        for entry in KnownReplies.all {
            #expect(tested.contains(entry.id), "no test row for \(entry.id)")
            let sources = entry.source.components(separatedBy: " ; ")
            #expect(sources.allSatisfy { $0.hasPrefix("https://") && !$0.contains(" ") }, "\(entry.id): \(entry.source)")
        }
        #expect(Set(KnownReplies.all.map { $0.id }).count == KnownReplies.all.count)
    }

    /// A reply whose text names its cause gets that cause, wherever its entry sits in the table.
    @Test func theMostSpecificEntryWins() {
        let reply = SMTPReply(
            parsing: "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy.")
        #expect(KnownReplies.match(reply)?.id == "security-defaults")
        #expect(KnownReplies.match(SMTPReply(parsing: "535 5.7.139 Something else entirely"))?.id == "smtp-auth-5.7.139")
        #expect(KnownReplies.match(SMTPReply(parsing: "530 5.7.3 STARTTLS is required to send mail"))?.id == "starttls-required")
    }

    @Test func partsOfAReply() {
        let r = SMTPReply(
            parsing:
                "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. [MN2PR05CA0004.namprd05.prod.outlook.com 2023-09-12T20:59:57.214Z 08DBB276B7E699C4]"
        )
        #expect(r.code == 535)
        #expect(r.enhanced == "5.7.139")
        #expect(r.server == "MN2PR05CA0004.namprd05.prod.outlook.com")
        #expect(r.timestamp == "2023-09-12T20:59:57.214Z")
        #expect(r.text == "Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.")
        let multi = SMTPReply(parsing: "250-smtp.office365.com Hello\r\n250-SIZE 157286400\r\n250 AUTH LOGIN XOAUTH2")
        #expect(multi.code == 250)
    }

    @Test func unknownRepliesFallBackToTheRFCMeaning() {
        let e = ReplyExplainer.explain("554 5.6.0 Something new happened")
        #expect(e.known == nil)
        #expect(e.generic.contains("permanent failure"))
        #expect(e.generic.contains("message content or media status"))
        #expect(ReplyExplainer.explain("hello").generic == "no reply code or enhanced status code found")
        #expect(ReplyExplainer.explain("421 4.3.0 try later").generic.contains("temporary failure"))
    }
}
