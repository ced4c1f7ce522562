import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

@testable import SMTP

@Suite struct ResponseDecoderTests {
    static let ehlo =
        "250-smtp.example Hello\r\n250-SIZE 37748736\r\n250-PIPELINING\r\n250-STARTTLS\r\n250-AUTH LOGIN XOAUTH2\r\n250 8BITMIME\r\n"

    @Test func assemblesMultiLineRepliesWhateverTheChunking() throws {
        // The verifier feeds the bytes whole, one at a time and in random pieces.
        let input = ByteBuffer(string: "220 ready\r\n" + Self.ehlo + "334 VXNlcm5hbWU6\n")
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [
                (
                    input,
                    [
                        SMTPResponse(code: 220, lines: ["ready"]),
                        SMTPResponse(
                            code: 250,
                            lines: ["smtp.example Hello", "SIZE 37748736", "PIPELINING", "STARTTLS", "AUTH LOGIN XOAUTH2", "8BITMIME"]),
                        SMTPResponse(code: 334, lines: ["VXNlcm5hbWU6"]),
                    ]
                )
            ],
            decoderFactory: { SMTPResponseDecoder() }
        )
    }

    @Test func aReplyLineOfExactlyTheLimitIsRead() throws {
        var decoder = SMTPResponseDecoder()
        let text = String(repeating: "x", count: SMTPLimits.replyLine - 6)  // "250 " + text + CRLF = 512
        var buffer = ByteBuffer(string: "250 \(text)\r\n")
        #expect(try decoder.nextReply(from: &buffer)?.lines == [text])
    }

    @Test func aLongerLineIsRefusedBeforeItIsBuffered() {
        var decoder = SMTPResponseDecoder()
        var complete = ByteBuffer(string: "250 " + String(repeating: "x", count: SMTPLimits.replyLine - 5) + "\r\n")
        #expect(throws: SMTPProtocolError.lineTooLong(limit: 512, section: "§4.5.3.1.5")) { try decoder.nextReply(from: &complete) }
        // An endless line without LF stops at the limit, not at the end of memory.
        var endless = ByteBuffer(string: "250 " + String(repeating: "y", count: 600))
        var fresh = SMTPResponseDecoder()
        #expect(throws: SMTPProtocolError.lineTooLong(limit: 512, section: "§4.5.3.1.5")) { try fresh.nextReply(from: &endless) }
    }

    @Test func malformedAndInconsistentRepliesAreErrors() {
        var d1 = SMTPResponseDecoder()
        var b1 = ByteBuffer(string: "hello there\r\n")
        #expect(throws: SMTPProtocolError.malformedReply("hello there")) { try d1.nextReply(from: &b1) }
        var d2 = SMTPResponseDecoder()
        var b2 = ByteBuffer(string: "250-first\r\n251 second\r\n")
        #expect(throws: SMTPProtocolError.inconsistentReplyCode(first: 250, later: 251)) { try d2.nextReply(from: &b2) }
        var d3 = SMTPResponseDecoder()
        var b3 = ByteBuffer(string: String(repeating: "250-x\r\n", count: SMTPLimits.replyLines + 1))
        #expect(throws: SMTPProtocolError.tooManyReplyLines(SMTPLimits.replyLines)) { try d3.nextReply(from: &b3) }
    }

    @Test func aBareCodeIsAReply() throws {
        var decoder = SMTPResponseDecoder()
        var buffer = ByteBuffer(string: "334\r\n")
        #expect(try decoder.nextReply(from: &buffer) == SMTPResponse(code: 334, lines: [""]))
    }

    @Test func capabilitiesAreParsedFromEveryLine() throws {
        var decoder = SMTPResponseDecoder()
        var buffer = ByteBuffer(string: Self.ehlo)
        let caps = EHLOCapabilities(reply: try #require(try decoder.nextReply(from: &buffer)))
        #expect(caps.startTLS && caps.pipelining && caps.eightBitMIME)
        #expect(caps.sizeLimit == 37_748_736)
        #expect(caps.authMechanisms == ["LOGIN", "XOAUTH2"])
        let old = EHLOCapabilities(reply: SMTPResponse(code: 250, lines: ["host", "AUTH=LOGIN PLAIN", "AUTH LOGIN"]))
        #expect(old.authMechanisms == ["LOGIN", "PLAIN"])
    }
}
