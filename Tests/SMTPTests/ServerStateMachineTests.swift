import Testing

@testable import SMTP

/// The inbound conversation, command by command.
@Suite struct ServerStateMachineTests {
    func machine(allowListed: Bool = false, tls: Bool = false, plain: Bool = false) -> SMTPServerStateMachine {
        SMTPServerStateMachine(
            policy: .init(
                hostname: "bridge.test", maximumMessageSize: 1000, startTLSAvailable: true, implicitTLS: tls,
                plaintextAuthAllowed: plain, clientAllowListed: allowListed))
    }

    @Test func neverRelaysForAnUnauthenticatedClientOutsideTheAllowList() {
        var m = machine()
        _ = m.command("EHLO client")
        #expect(m.command("MAIL FROM:<a@contoso.com>") == .reply("530 5.7.0 Authentication required"))
        #expect(m.command("RCPT TO:<victim@example.org>") == .reply("503 5.5.1 Need MAIL before RCPT"))
        #expect(m.command("DATA") == .reply("503 5.5.1 Need MAIL command"))
        // After STARTTLS, still nothing without AUTH.
        #expect(m.command("STARTTLS") == .replyAndStartTLS("220 2.0.0 Ready to start TLS"))
        _ = m.command("EHLO client")
        #expect(m.command("MAIL FROM:<a@contoso.com>") == .reply("530 5.7.0 Authentication required"))
    }

    @Test func anAllowListedSourceRelaysWithoutAuth() {
        var m = machine(allowListed: true)
        _ = m.command("EHLO printer")
        #expect(m.command("MAIL FROM:<scanner@contoso.com>") == .verifySender(MailboxAddress("scanner@contoso.com")))
        #expect(m.senderChecked(.allowed) == .reply("250 2.1.0 Ok"))
        #expect(m.command("RCPT TO:<x@contoso.com>") == .reply("250 2.1.5 Ok"))
        guard case .replyAndReadData(let text, let t) = m.command("DATA") else {
            Issue.record("expected DATA to be accepted")
            return
        }
        #expect(text.wireText == "354 End data with <CR><LF>.<CR><LF>" && text.category == .positiveIntermediate)
        #expect(t.from == "scanner@contoso.com" && t.recipients == ["x@contoso.com"] && t.account == nil)
        #expect(m.messageReceived(oversized: false, headerFrom: .absent) == .verifyHeaderFrom(.absent))
        #expect(m.headerFromChecked(.allowed) == .commit)
        #expect(m.committed(id: "abc") == .reply("250 2.0.0 Ok: queued as abc"))
        #expect(m.committed(id: nil) == .reply("451 4.3.0 Could not queue the message, try again later"))
    }

    @Test func authIsOfferedOnlyInsideTLSUnlessTheListenerIsTrustedPlain() {
        var m = machine()
        guard case .reply(let ehlo) = m.command("EHLO c") else {
            Issue.record("no EHLO reply")
            return
        }
        #expect(ehlo.lines.contains("STARTTLS") && !ehlo.wireText.contains("AUTH"))
        #expect(m.command("AUTH LOGIN") == .reply("538 5.7.11 Encryption required for requested authentication mechanism"))
        _ = m.command("STARTTLS")
        guard case .reply(let ehlo2) = m.command("EHLO c") else {
            Issue.record("no EHLO reply")
            return
        }
        #expect(ehlo2.lines.contains("AUTH PLAIN LOGIN") && !ehlo2.lines.contains("STARTTLS"))
        var plain = machine(plain: true)
        _ = plain.command("EHLO c")
        #expect(plain.command("AUTH LOGIN") == .replyAndReadAuthLine("334 VXNlcm5hbWU6"))
    }

    @Test func loginAndPlainAskForTheCredentials() {
        var m = machine(tls: true)
        _ = m.command("EHLO c")
        #expect(m.command("AUTH LOGIN") == .replyAndReadAuthLine("334 VXNlcm5hbWU6"))
        #expect(m.command("cHJpbnRlcjE=") == .replyAndReadAuthLine("334 UGFzc3dvcmQ6"))
        #expect(m.command("c2VjcmV0") == .verifyCredentials(user: "printer1", password: "secret"))
        #expect(m.credentialsChecked(.rejected) == .reply("535 5.7.8 Authentication credentials invalid"))
        #expect(m.command("AUTH PLAIN AHByaW50ZXIxAHNlY3JldA==") == .verifyCredentials(user: "printer1", password: "secret"))
        #expect(m.credentialsChecked(.accepted(account: "printer1")) == .reply("235 2.7.0 Authentication successful"))
        #expect(m.command("MAIL FROM:<a@b.c>") == .verifySender(MailboxAddress("a@b.c")))
        var n = machine(tls: true)
        _ = n.command("EHLO c")
        _ = n.command("AUTH PLAIN")
        #expect(n.command("*") == .reply("501 5.7.0 Authentication cancelled"))
        #expect(n.command("AUTH LOGIN !!!") == .reply("501 5.5.2 Cannot decode response"))
        #expect(n.credentialsChecked(.lockedOut) == .replyAndClose("421 4.7.0 Too many failed authentications, try again later"))
    }

    @Test func limitsAndSyntax() {
        var m = machine(allowListed: true)
        #expect(m.command("MAIL FROM:<a@b.c>") == .reply("503 5.5.1 Send EHLO first"))
        _ = m.command("EHLO c")
        #expect(m.command("MAIL FROM:<a@b.c> SIZE=5000") == .reply("552 5.3.4 Message size exceeds fixed maximum message size (1000)"))
        #expect(m.command("MAIL FROM:a@b.c") == .reply("501 5.5.4 Syntax: MAIL FROM:<address>"))
        _ = m.command("MAIL FROM:<a@b.c>")
        _ = m.senderChecked(.allowed)
        for i in 0..<100 { #expect(m.command("RCPT TO:<r\(i)@x.com>") == .reply("250 2.1.5 Ok")) }
        #expect(m.command("RCPT TO:<r101@x.com>") == .reply("452 4.5.3 Too many recipients"))
        #expect(
            m.messageReceived(oversized: true, headerFrom: .absent)
                == .discardAndReply("552 5.3.4 Message size exceeds fixed maximum message size (1000)"))
        var refused = machine(allowListed: true)
        _ = refused.command("EHLO c")
        _ = refused.command("MAIL FROM:<a@b.c>")
        _ = refused.senderChecked(.allowed)
        _ = refused.command("RCPT TO:<r@x.com>")
        #expect(refused.dataRefused(.init(554, .init(5, 7, 1), "No route")) == .reply("554 5.7.1 No route"))
        #expect(refused.command("MAIL FROM:<a@b.c>") == .verifySender(MailboxAddress("a@b.c")))
        #expect(m.command("BDAT 10") == .reply("502 5.5.2 Error: command not recognized"))
        #expect(m.commandTooLong() == .reply("500 5.5.2 Line too long (RFC 5321 section 4.5.3.1.4: 512 octets)"))
        #expect(m.command("QUIT") == .replyAndClose("221 2.0.0 Bye"))
        var r = machine(allowListed: true)
        _ = r.command("EHLO c")
        _ = r.command("MAIL FROM:<a@b.c>")
        #expect(r.senderChecked(.rateLimited) == .reply("450 4.7.1 Too many messages from this client, try again later"))
    }
}
