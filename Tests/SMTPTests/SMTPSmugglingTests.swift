import Testing

@testable import SMTP

/// SMTP smuggling, inbound (issue 11, item 3): message data ends only on <CRLF>.<CRLF>; none of
/// the six bare-CR/LF terminator forms ends it, so nothing after them is read as a command.
@Suite struct SMTPSmugglingTests {
    /// The six forms a sloppy server takes for the end of data.
    static let forms: [(name: String, bytes: String)] = [
        ("<LF>.<LF>", "\n.\n"), ("<LF>.<CRLF>", "\n.\r\n"), ("<CRLF>.<LF>", "\r\n.\n"),
        ("<CR>.<CR>", "\r.\r"), ("<CR>.<CRLF>", "\r.\r\n"), ("<CRLF>.<CR>", "\r\n.\r"),
    ]

    /// An allowed message with a second one smuggled behind a bare terminator, then the real end.
    static func smuggling(_ terminator: String) -> [UInt8] {
        Array(
            ("From: scanner@contoso.com\r\nSubject: one\r\n\r\nfirst" + terminator
                + "MAIL FROM:<ceo@contoso.com>\r\nRCPT TO:<victim@fabrikam.com>\r\nDATA\r\nFrom: ceo@contoso.com\r\n\r\nsmuggled\r\n.\r\nQUIT\r\n")
                .utf8)
    }

    static func frames(_ bytes: [UInt8], _ mode: SMTPServerFramer.BareLineEndings, byteByByte: Bool = false) -> [SMTPServerFramer.Frame] {
        var f = SMTPServerFramer(maximumMessageSize: 100_000, bareLineEndings: mode)
        f.mode = .data
        var out: [SMTPServerFramer.Frame] = []
        for piece in byteByByte ? bytes.map({ [$0] }) : [bytes] {
            f.append(piece)
            while let frame = f.next() { out.append(frame) }
        }
        return out
    }

    @Test(arguments: forms.map(\.bytes))
    func refusedWhereBareLineEndingsAreRefused(terminator: String) {
        for byteByByte in [false, true] {
            let out = Self.frames(Self.smuggling(terminator), .refuse, byteByByte: byteByByte)
            // The refusal, then nothing: not the smuggled commands, not the QUIT.
            #expect(out == [.bareLineEnding], "\(out)")
        }
    }

    @Test(arguments: forms.map(\.bytes))
    func normalisedButNeverTheEndOfData(terminator: String) {
        for byteByByte in [false, true] {
            let out = Self.frames(Self.smuggling(terminator), .normalise, byteByByte: byteByByte)
            #expect(out.count == 2, "\(out)")
            guard case .messageEnd(let tail, false, let from) = out.first else {
                Issue.record("no message: \(out)")
                continue
            }
            let text = String(decoding: tail, as: UTF8.self)
            // One message: the would-be commands are its text, with CRLF line ends only.
            #expect(
                text.contains("\r\nMAIL FROM:<ceo@contoso.com>\r\nRCPT TO:<victim@fabrikam.com>\r\nDATA\r\n"), "\(text.debugDescription)")
            #expect(!tail.enumerated().contains { $0.element == 10 && ($0.offset == 0 || tail[$0.offset - 1] != 13) })
            #expect(!tail.enumerated().contains { $0.element == 13 && ($0.offset + 1 == tail.count || tail[$0.offset + 1] != 10) })
            #expect(from == .mailboxes([MailboxAddress("scanner@contoso.com")!]))
            #expect(out.last == .command("QUIT"))
        }
    }

    @Test func onlyCRLFDotCRLFEndsTheMessage() {
        let out = Self.frames(Array("a\r\n..b\r\n.\r\nNOOP\r\n".utf8), .refuse)
        #expect(out == [.messageEnd(tail: Array("a\r\n.b\r\n".utf8), oversized: false, headerFrom: .absent), .command("NOOP")])
        // An empty message: the "." right after DATA's 354 ends it.
        #expect(
            Self.frames(Array(".\r\nNOOP\r\n".utf8), .refuse) == [
                .messageEnd(tail: [], oversized: false, headerFrom: .absent), .command("NOOP"),
            ])
        // Old devices that end lines with LF alone keep sending where that is normalised.
        let lf = Self.frames(Array("Subject: x\n\n..dot\nline\n\r\n.\r\n".utf8), .normalise)
        #expect(lf == [.messageEnd(tail: Array("Subject: x\r\n\r\n.dot\r\nline\r\n\r\n".utf8), oversized: false, headerFrom: .absent)])
    }

    @Test func theServerRepliesToARefusedBareLineEndingAndCloses() {
        var m = SMTPServerStateMachine(
            policy: .init(hostname: "b", maximumMessageSize: 1000, startTLSAvailable: false, clientAllowListed: true))
        _ = m.command("EHLO c")
        _ = m.command("MAIL FROM:<a@contoso.com>")
        _ = m.senderChecked(.allowed)
        _ = m.command("RCPT TO:<b@fabrikam.com>")
        _ = m.command("DATA")
        #expect(
            m.bareLineEnding()
                == .discardAndClose("521 5.5.2 Bare CR or LF in message data; lines must end with CRLF (RFC 5321 section 2.3.8)"))
    }

    /// Issue 11, item 8: an old scanner's single-line base64 is taken and passed on whole.
    @Test func textLinesOverOneThousandOctetsArePassedOnNotRefused() {
        let line = String(repeating: "QUJD", count: 5000)
        var f = SMTPServerFramer(maximumMessageSize: 1_000_000, chunkSize: 4096)
        f.mode = .data
        var content: [UInt8] = []
        for piece in Array(("Subject: scan\r\n\r\n." + line + "\r\n.\r\n").utf8).chunks(of: 700) {
            f.append(piece)
            while let frame = f.next() {
                switch frame {
                case .data(let chunk): content += chunk
                case .messageEnd(let tail, let oversized, _):
                    content += tail
                    #expect(!oversized)
                default: Issue.record("unexpected \(frame)")
                }
            }
        }
        #expect(content == Array(("Subject: scan\r\n\r\n" + line + "\r\n").utf8))
        var m = SMTPServerStateMachine(
            policy: .init(hostname: "b", maximumMessageSize: 1_000_000, startTLSAvailable: false, clientAllowListed: true))
        _ = m.command("EHLO c")
        _ = m.command("MAIL FROM:<a@contoso.com>")
        _ = m.senderChecked(.allowed)
        _ = m.command("RCPT TO:<b@fabrikam.com>")
        _ = m.command("DATA")
        #expect(m.messageReceived(oversized: false, headerFrom: .absent) == .verifyHeaderFrom(.absent))
        #expect(m.headerFromChecked(.allowed) == .commit)
    }
}

extension Array {
    func chunks(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min(count, $0 + size)] }
    }
}
