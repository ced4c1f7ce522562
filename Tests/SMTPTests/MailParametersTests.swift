import Testing

@testable import SMTP

/// MAIL and RCPT parameters of extensions the server did not advertise get 555 (RFC 5321
/// section 4.1.1.11), not silent acceptance.
@Suite struct MailParametersTests {
    static func machine() -> SMTPServerStateMachine {
        var m = SMTPServerStateMachine(
            policy: .init(hostname: "b", maximumMessageSize: 1000, startTLSAvailable: false, clientAllowListed: true))
        _ = m.command("EHLO c")
        return m
    }

    @Test func advertisedParametersAreTakenAndOthersGet555() {
        var m = Self.machine()
        for unknown in ["SMTPUTF8", "RET=HDRS", "ENVID=x", "FOO=bar", "XFORWARD"] {
            #expect(
                m.command("MAIL FROM:<a@b.c> \(unknown)")
                    == .reply("555 5.5.4 MAIL FROM parameter not recognized or not implemented (this server takes SIZE, BODY and AUTH)"))
        }
        #expect(m.command("MAIL FROM:<a@b.c> SIZE=abc") == .reply("501 5.5.4 Bad SIZE parameter (RFC 1870: SIZE=octets)"))
        #expect(m.command("MAIL FROM:<a@b.c> BODY=BINARYMIME") == .reply("501 5.5.4 Bad BODY parameter (7BIT or 8BITMIME)"))
        #expect(m.command("MAIL FROM:<a@b.c> size=10 body=8bitmime AUTH=<>") == .verifySender(MailboxAddress("a@b.c")))
        _ = m.senderChecked(.allowed)
        #expect(m.command("RCPT TO:<x@y.z> NOTIFY=NEVER") == .reply("555 5.5.4 RCPT TO parameters not recognized or not implemented"))
        #expect(m.command("RCPT TO:<x@y.z>") == .reply("250 2.1.5 Ok"))
    }
}
