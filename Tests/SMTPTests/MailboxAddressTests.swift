import Testing

@testable import SMTP

/// Envelope addresses are parsed per RFC 5321 §4.1.2 before anything decides on them (issue 11, item 4).
@Suite struct MailboxAddressTests {
    @Test(arguments: [
        ("scanner@contoso.com", "scanner@contoso.com", "contoso.com"),
        ("Scanner.2F@Contoso.COM", "Scanner.2F@contoso.com", "contoso.com"),
        ("\"ceo@victim.example\"@contoso.com", "\"ceo@victim.example\"@contoso.com", "contoso.com"),
        ("\"scanner\"@contoso.com", "scanner@contoso.com", "contoso.com"),
        ("\"a\\\"b\"@contoso.com", "\"a\\\"b\"@contoso.com", "contoso.com"),
        ("o'brien+scan@mail-1.contoso.com", "o'brien+scan@mail-1.contoso.com", "mail-1.contoso.com"),
    ])
    func validMailboxes(text: String, canonical: String, domain: String) throws {
        let m = try #require(MailboxAddress(text))
        #expect(m.description == canonical)
        #expect(m.domainName == domain)
    }

    @Test(arguments: [
        "ceo@victim.example@contoso.com", "@contoso.com", "scanner@", "scanner", "a..b@contoso.com", ".a@contoso.com", "a.@contoso.com",
        "a@-contoso.com", "a@contoso-.com", "a@contoso..com", "a@contoso.com.", "a b@contoso.com", "\"unterminated@contoso.com",
        "a@[300.1.1.1]", "a@[IPv6:::1::2]", "é@contoso.com", "a@contoso.com>", "a@" + String(repeating: "x", count: 64) + ".com",
        "a\u{0}b@contoso.com", "\"a\u{7}\"@contoso.com",
    ])
    func malformedMailboxesAreRefused(text: String) {
        #expect(MailboxAddress(text) == nil, "\(text)")
    }

    @Test func addressLiterals() throws {
        #expect(try #require(MailboxAddress("a@[192.0.2.1]")).domain == .literal("192.0.2.1"))
        #expect(try #require(MailboxAddress("a@[IPv6:2001:db8::1]")).domain == .literal("IPv6:2001:db8::1"))
        #expect(try #require(MailboxAddress("a@[IPv6:::ffff:192.0.2.1]")).domainName == nil)
    }

    @Test func pathsWithParametersSourceRoutesAndTheNullPath() throws {
        let p = try SMTPPathArgument.parse("FROM:<scanner@contoso.com> SIZE=100 BODY=8BITMIME", keyword: "FROM:").get()
        #expect(p.mailbox?.description == "scanner@contoso.com" && p.parameters == ["SIZE=100", "BODY=8BITMIME"])
        #expect(try SMTPPathArgument.parse("from: <>", keyword: "FROM:").get().mailbox == nil)
        #expect(try SMTPPathArgument.parse("TO:<\"a>b\"@contoso.com>", keyword: "TO:").get().mailbox?.localPart == "a>b")
        #expect(SMTPPathArgument.parse("TO:<@relay.example:victim@example.org>", keyword: "TO:") == .failure(.sourceRoute))
        #expect(SMTPPathArgument.parse("TO:<@a,@b:victim@example.org>", keyword: "TO:") == .failure(.sourceRoute))
        #expect(SMTPPathArgument.parse("FROM:<ceo@victim.example@contoso.com>", keyword: "FROM:") == .failure(.malformedAddress))
        #expect(SMTPPathArgument.parse("FROM:scanner@contoso.com", keyword: "FROM:") == .failure(.syntax))
        #expect(SMTPPathArgument.parse("FROM:<a@b.c>junk", keyword: "FROM:") == .failure(.syntax))
        #expect(SMTPPathArgument.parse("FROM:<a@b.c", keyword: "FROM:") == .failure(.syntax))
        #expect(SMTPPathArgument.parse("TO:<a@b.c>", keyword: "FROM:") == .failure(.syntax))
        let long =
            "TO:<" + String(repeating: "a", count: 60) + "@"
            + Array(repeating: String(repeating: "b", count: 60), count: 4).joined(separator: ".") + ".com>"
        #expect(SMTPPathArgument.parse(long, keyword: "TO:") == .failure(.tooLong))
    }

    @Test func theServerRefusesMalformedAddressesAndSourceRoutes() {
        var m = SMTPServerStateMachine(
            policy: .init(hostname: "b", maximumMessageSize: 1000, startTLSAvailable: false, clientAllowListed: true))
        _ = m.command("EHLO c")
        #expect(
            m.command("MAIL FROM:<ceo@victim.example@contoso.com>")
                == .reply("501 5.1.7 Bad sender address syntax (RFC 5321 section 4.1.2)"))
        #expect(
            m.command("MAIL FROM:<@evil.example:ceo@contoso.com>")
                == .reply("553 5.1.7 Source routes are not accepted; give the sender's address alone"))
        #expect(
            m.command("MAIL FROM:<\"ceo@victim.example\"@contoso.com>")
                == .verifySender(MailboxAddress(localPart: "ceo@victim.example", domain: .name("contoso.com"))))
        _ = m.senderChecked(.allowed)
        #expect(m.command("RCPT TO:<a@b@c.com>") == .reply("501 5.1.3 Bad recipient address syntax (RFC 5321 section 4.1.2)"))
        #expect(
            m.command("RCPT TO:<@relay.example:victim@example.org>")
                == .reply("553 5.1.3 Source routes are not accepted; give the recipient's address alone"))
        #expect(m.command("RCPT TO:<>") == .reply("501 5.1.3 Bad recipient address syntax (RFC 5321 section 4.1.2)"))
        for routed in [
            "victim%example.org@contoso.com", "example.org!victim@contoso.com", "\"victim%example.org\"@contoso.com",
            "\"victim@evil.example\"@contoso.com", "\"victim\\@evil.example\"@contoso.com", "\"@evil.example:victim\"@contoso.com",
        ] {
            #expect(
                m.command("RCPT TO:<\(routed)>")
                    == .reply("553 5.1.3 Sender-specified routing (% ! @ or : in the local part) is not accepted"))
        }
        #expect(m.command("RCPT TO:<Ok@Fabrikam.COM>") == .reply("250 2.1.5 Ok"))
        guard case .replyAndReadData(_, let t) = m.command("DATA") else {
            Issue.record("DATA refused")
            return
        }
        #expect(t.from == "\"ceo@victim.example\"@contoso.com" && t.recipients == ["Ok@fabrikam.com"])
    }
}
