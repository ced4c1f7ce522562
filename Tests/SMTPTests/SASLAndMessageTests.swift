import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

@testable import SMTP

@Suite struct SASLAndMessageTests {
    /// The worked example of Microsoft Learn's XOAUTH2 page (docs/relay.md#oauth-for-smtp-xoauth2), byte for byte.
    @Test func xoauth2MatchesMicrosoftsExample() {
        let encoded = SASL.xoauth2(user: "test@contoso.onmicrosoft.com", accessToken: "EwBAAl3BAAUFFpUAo7J3Ve0bjLBWZWCclRC3EoAA")
        #expect(
            encoded == "dXNlcj10ZXN0QGNvbnRvc28ub25taWNyb3NvZnQuY29tAWF1dGg9QmVhcmVy"
                + "IEV3QkFBbDNCQUFVRkZwVUFvN0ozVmUwYmpMQldaV0NjbFJDM0VvQUEBAQ==")
    }

    @Test func plainAndLogin() {
        #expect(SASL.plain(user: "u", password: "p") == "AHUAcA==")
        #expect(SASL.login("Username:") == "VXNlcm5hbWU6")
        #expect(SASL.decodedChallenge("VXNlcm5hbWU6") == "Username:")
        #expect(SASL.decodedChallenge("not base64!") == nil)
    }

    @Test func dotStuffingDoublesLeadingDotsAndTerminates() {
        let stuffed = DotStuffing.stuff(Array("Subject: x\n\n.hidden\nline\r\n.\r\nlast".utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == "Subject: x\r\n\r\n..hidden\r\nline\r\n..\r\nlast\r\n.\r\n")
        #expect(String(decoding: DotStuffing.stuff(Array("ends\r\n".utf8)), as: UTF8.self) == "ends\r\n.\r\n")
        #expect(DotStuffing.unstuff(line: Array("..x".utf8)[...]).map { Array($0) } == Array(".x".utf8))
        #expect(DotStuffing.unstuff(line: Array(".".utf8)[...]) == nil)
    }

    @Test func authPayloadsAreMaskedInTranscripts() {
        #expect(SMTPCommand.auth(mechanism: "PLAIN", initialResponse: "AHUAcA==").transcriptLines == ["AUTH PLAIN ********"])
        #expect(SMTPCommand.saslResponse("dXNlcg==").transcriptLines == ["********"])
        #expect(SMTPCommand.saslResponse("").transcriptLines == [""])
        #expect(SMTPCommand.mail(from: "a@b.c").transcriptLines == ["MAIL FROM:<a@b.c>"])
    }
}
