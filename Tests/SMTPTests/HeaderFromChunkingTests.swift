import Testing

@testable import SMTP

/// The header From the bridge checks must not depend on how the message was cut into TCP
/// segments: a From line over 1,000 octets read in pieces gives the same answer as read whole.
@Suite struct HeaderFromChunkingTests {
    static func headerFrom(_ message: String, segment: Int) -> HeaderFrom? {
        var framer = SMTPServerFramer(maximumMessageSize: 1 << 20, bareLineEndings: .refuse)
        framer.mode = .data
        let bytes = Array(message.utf8)
        var offset = 0
        while offset < bytes.count {
            framer.append(bytes[offset..<min(bytes.count, offset + segment)])
            offset += segment
            while let frame = framer.next() {
                if case .messageEnd(_, _, let from) = frame { return from }
            }
        }
        return nil
    }

    @Test(arguments: [1, 2, 3, 7, 64, 512, 1000, 1003, 1500, 4096, 65_536])
    func aLongFromLineReadsTheSameInAnySegmentation(segment: Int) {
        let padding = String(repeating: "x", count: 1200)
        let forged = "Subject: s\r\nFrom: \"\(padding)\" <ceo@contoso.com>\r\n\r\nbody\r\n.\r\n"
        #expect(Self.headerFrom(forged, segment: segment) == .mailboxes([MailboxAddress("ceo@contoso.com")!]))
        let padded = "Subject: s\r\nFrom" + String(repeating: " ", count: 1100) + ": ceo@contoso.com\r\n\r\nbody\r\n.\r\n"
        #expect(Self.headerFrom(padded, segment: segment) == .mailboxes([MailboxAddress("ceo@contoso.com")!]))
        let huge = "From" + String(repeating: " ", count: 5000) + ": ceo@contoso.com\r\n\r\nbody\r\n.\r\n"
        #expect(Self.headerFrom(huge, segment: segment) == .mailboxes([MailboxAddress("ceo@contoso.com")!]))
        let notAField = "X" + String(repeating: "y", count: 5000) + " From: ceo@contoso.com\r\n\r\nbody\r\n.\r\n"
        #expect(Self.headerFrom(notAField, segment: segment) == .absent)
    }
}
