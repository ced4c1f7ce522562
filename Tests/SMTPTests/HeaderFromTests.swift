import Testing

@testable import SMTP

/// The header From field is read while the message streams (issue 11, item 4's checkHeaderFrom).
@Suite struct HeaderFromTests {
    func headerFrom(_ message: String) -> HeaderFrom {
        var f = SMTPServerFramer(maximumMessageSize: 100_000)
        f.mode = .data
        f.append(Array((message + ".\r\n").utf8))
        while let frame = f.next() {
            if case .messageEnd(_, _, let from) = frame { return from }
        }
        Issue.record("no end of message")
        return .absent
    }

    func mailboxes(_ list: String...) -> HeaderFrom { .mailboxes(list.map { MailboxAddress($0)! }) }

    @Test func theAuthorsAreParsedFromTheFormsDevicesWrite() {
        #expect(headerFrom("From: scanner@contoso.com\r\nSubject: s\r\n\r\nbody\r\n") == mailboxes("scanner@contoso.com"))
        #expect(
            headerFrom("Subject: s\r\nfrom : \"Scanner, 2F\" <Scanner@Contoso.com> (MFP)\r\n\r\nFrom: ceo@contoso.com\r\n")
                == mailboxes("Scanner@contoso.com"))
        #expect(headerFrom("From: scan@contoso.com <scan@contoso.com>\r\n\r\n") == mailboxes("scan@contoso.com"))
        #expect(
            headerFrom("From: Scanner\r\n <scan@contoso.com>,\r\n\tceo@contoso.com\r\n\r\n")
                == mailboxes("scan@contoso.com", "ceo@contoso.com"))
        #expect(headerFrom("From: =?utf-8?q?Sc=C3=A4nner?= <scan@contoso.com>\r\n\r\n") == mailboxes("scan@contoso.com"))
        #expect(headerFrom("Subject: no author\r\n\r\nFrom: ceo@contoso.com\r\n") == .absent)
    }

    @Test func whatCannotBeReadIsInvalidNeverGuessed() {
        for message in [
            "From: a@contoso.com\r\nFrom: ceo@contoso.com\r\n\r\n",
            "From: ceo@victim.example@contoso.com\r\n\r\n",
            "From: John Smith@contoso.com\r\n\r\n",
            "From: <a@contoso.com> <ceo@contoso.com>\r\n\r\n",
            "From: undisclosed: a@contoso.com;\r\n\r\n",
            "From: <@relay.example:ceo@contoso.com>\r\n\r\n",
            "From: \"unterminated <a@contoso.com>\r\n\r\n",
            "From: \r\n\r\n",
            "From: a@contoso.com" + String(repeating: " (x)", count: 2000) + "\r\n\r\n",
        ] {
            guard case .invalid = headerFrom(message) else {
                Issue.record("read as valid: \(message.prefix(80))")
                continue
            }
        }
    }

    @Test func manyFromFieldsAreCountedNotKept() {
        #expect(
            headerFrom(String(repeating: "From: a@contoso.com\r\n", count: 10_000) + "\r\n")
                == .invalid("the message has 10000 From fields"))
    }
}
