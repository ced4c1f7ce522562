import Testing

@testable import SMTP

/// The server's replies: typed, and written on the wire in one place.
@Suite struct ServerReplyTests {
    @Test func wireTextHasTheCodeTheEnhancedStatusAndTheText() {
        #expect(SMTPServerReply(550, .init(5, 7, 1), "Relay access denied").wireText == "550 5.7.1 Relay access denied")
        #expect(SMTPServerReply(220, nil, "bridge ESMTP").wireText == "220 bridge ESMTP")
        // An empty AUTH challenge keeps its space (RFC 4954 section 4).
        #expect(SMTPServerReply(334, nil, "").wireText == "334 ")
        #expect(
            SMTPServerReply(250, lines: ["bridge", "PIPELINING", "AUTH PLAIN LOGIN"]).wireText
                == "250-bridge\r\n250-PIPELINING\r\n250 AUTH PLAIN LOGIN")
    }

    @Test func theCategoryComesFromTheFirstDigit() {
        #expect(SMTPServerReply.recipientAccepted.category == .positiveCompletion && !SMTPServerReply.recipientAccepted.isRefusal)
        #expect(SMTPServerReply(354, nil, "go on").category == .positiveIntermediate)
        #expect(SMTPServerReply(451, .init(4, 3, 0), "later").category == .transientNegative)
        #expect(SMTPServerReply(554, .init(5, 7, 1), "no").isRefusal && SMTPServerReply(421, .init(4, 7, 0), "bye").isRefusal)
    }
}
