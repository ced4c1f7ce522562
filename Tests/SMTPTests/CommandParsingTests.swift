import Testing

@testable import SMTP

/// Command lines read as the server half reads them (`SMTPCommand.parse`).
@Suite struct CommandParsingTests {
    @Test func verbsAreCaseInsensitiveAndArgumentsTrimmed() {
        #expect(SMTPCommand.parse("ehlo  printer.local\t") == .success(.ehlo("printer.local")))
        #expect(SMTPCommand.parse("HELO x") == .success(.helo("x")))
        #expect(SMTPCommand.parse("StartTLS") == .success(.startTLS))
        #expect(SMTPCommand.parse("auth plain AHUAcA==") == .success(.auth(mechanism: "PLAIN", initialResponse: "AHUAcA==")))
        #expect(SMTPCommand.parse("AUTH login") == .success(.auth(mechanism: "LOGIN", initialResponse: nil)))
        #expect(SMTPCommand.parse("QUIT now") == .success(.quit))
        #expect(SMTPCommand.parse("VRFY postmaster") == .success(.vrfy("postmaster")))
    }

    @Test func pathsAreParsedWithTheirParameters() throws {
        guard case .success(.mailFrom(let from)) = SMTPCommand.parse("MAIL FROM:<a@contoso.com> SIZE=10 BODY=8BITMIME") else {
            Issue.record("MAIL not parsed")
            return
        }
        #expect(from.mailbox == MailboxAddress("a@contoso.com") && from.parameters == ["SIZE=10", "BODY=8BITMIME"])
        #expect(SMTPCommand.mailFrom(from).wireText == "MAIL FROM:<a@contoso.com> SIZE=10 BODY=8BITMIME")
        guard case .success(.mailFrom(let null)) = SMTPCommand.parse("MAIL FROM:<>") else {
            Issue.record("null path not parsed")
            return
        }
        #expect(null.mailbox == nil)
        guard case .success(.rcptTo(let to)) = SMTPCommand.parse("rcpt to: <b@fabrikam.com>") else {
            Issue.record("RCPT not parsed")
            return
        }
        #expect(to.mailbox == MailboxAddress("b@fabrikam.com"))
    }

    @Test func whatCannotBeReadKeepsItsVerb() {
        #expect(SMTPCommand.parse("") == .failure(.empty))
        #expect(SMTPCommand.parse(" NOOP") == .failure(.empty))
        #expect(SMTPCommand.parse("BDAT 10") == .failure(.unrecognized))
        #expect(SMTPCommand.parse("EHLO\tx") == .failure(.unrecognized))
        #expect(SMTPCommand.parse("EHLO") == .failure(.missingArgument(.ehlo)))
        #expect(SMTPCommand.parse("AUTH ") == .failure(.missingArgument(.auth)))
        #expect(SMTPCommand.parse("STARTTLS x") == .failure(.unexpectedArgument(.startTLS)))
        #expect(SMTPCommand.parse("DATA x") == .failure(.unexpectedArgument(.data)))
        #expect(SMTPCommand.parse("MAIL FROM:a@b.c") == .failure(.badPath(.mail, .syntax)))
        #expect(SMTPCommand.parse("RCPT TO:<@relay.example:v@example.org>") == .failure(.badPath(.rcpt, .sourceRoute)))
    }

    /// A command out of sequence is refused as such even when its argument is bad too.
    @Test func sequenceIsAnsweredBeforeSyntax() {
        var m = SMTPServerStateMachine(policy: .init(hostname: "h", maximumMessageSize: 100, startTLSAvailable: false))
        #expect(m.command("MAIL FROM:junk") == .reply(.init(503, .init(5, 5, 1), "Send EHLO first")))
        #expect(m.command("STARTTLS junk") == .reply(.init(502, .init(5, 5, 1), "STARTTLS not available")))
        _ = m.command("EHLO c")
        #expect(m.command("RCPT TO:junk") == .reply(.init(503, .init(5, 5, 1), "Need MAIL before RCPT")))
        #expect(m.command("MAIL FROM:junk") == .reply(.init(530, .init(5, 7, 0), "Authentication required")))
    }
}
