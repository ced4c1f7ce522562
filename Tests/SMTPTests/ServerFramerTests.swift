import Testing

@testable import SMTP

@Suite struct ServerFramerTests {
    @Test func commandsThenDataUnstuffedThenCommandsAgain() {
        var f = SMTPServerFramer(maximumMessageSize: 1000)
        f.append(Array("EHLO a\r\nDATA\r\n".utf8))
        #expect(f.next() == .command("EHLO a"))
        #expect(f.next() == .command("DATA"))
        f.mode = .data
        f.append(Array("Subject: x\r\n\r\n..dot\r\nline\r\n.\r\nQUIT\r\n".utf8))
        #expect(f.next() == .messageEnd(tail: Array("Subject: x\r\n\r\n.dot\r\nline\r\n".utf8), oversized: false, headerFrom: .absent))
        #expect(f.mode == .command)
        #expect(f.next() == .command("QUIT"))
        #expect(f.next() == nil)
    }

    @Test func anAuthLineIsOneLongerLineThenCommandsAgain() {
        var f = SMTPServerFramer(maximumMessageSize: 1000)
        f.mode = .authLine
        let token = String(repeating: "A", count: 2000)
        f.append(Array((token + "\r\n" + String(repeating: "B", count: 600) + "\r\nNOOP\r\n").utf8))
        #expect(f.next() == .command(token))
        #expect(f.mode == .command)
        #expect(f.next() == .commandTooLong)
        #expect(f.next() == .command("NOOP"))
    }

    @Test func byteByByteGivesTheSameFrames() {
        var f = SMTPServerFramer(maximumMessageSize: 1000)
        var frames: [SMTPServerFramer.Frame] = []
        for b in Array("NOOP\r\nRSET\n".utf8) {
            f.append([b])
            while let frame = f.next() { frames.append(frame) }
        }
        #expect(frames == [.command("NOOP"), .command("RSET")])
    }

    @Test func overLongCommandsAreDroppedNotBuffered() {
        var f = SMTPServerFramer(maximumMessageSize: 1000)
        f.append(Array(repeating: UInt8(ascii: "A"), count: 600))
        #expect(f.next() == nil)
        #expect(!f.hasBufferedInput)
        f.append(Array("AAAA\r\nNOOP\r\n".utf8))
        #expect(f.next() == .commandTooLong)
        #expect(f.next() == .command("NOOP"))
        var g = SMTPServerFramer(maximumMessageSize: 1000)
        g.append(Array((String(repeating: "B", count: 511) + "\r\n").utf8))
        #expect(g.next() == .commandTooLong)
    }

    @Test func oversizedMessagesAreCountedNotKept() {
        var f = SMTPServerFramer(maximumMessageSize: 100)
        f.mode = .data
        for _ in 0..<50 { f.append(Array((String(repeating: "x", count: 70) + "\r\n").utf8)) }
        f.append(Array(".\r\n".utf8))
        var end: SMTPServerFramer.Frame?
        while let frame = f.next() { end = frame }
        guard case .messageEnd(let tail, let oversized, _) = end else {
            Issue.record("no message")
            return
        }
        #expect(oversized)
        #expect(tail.isEmpty)
    }

    @Test func largeMessagesComeInChunksNeverWhole() {
        var f = SMTPServerFramer(maximumMessageSize: 10_000_000, chunkSize: 1000)
        f.mode = .data
        let line = String(repeating: "z", count: 98) + "\r\n"
        f.append(Array(String(repeating: line, count: 100).utf8) + Array(".\r\n".utf8))
        var total = 0
        var chunks = 0
        while let frame = f.next() {
            switch frame {
            case .data(let chunk):
                chunks += 1
                total += chunk.count
                #expect(chunk.count < 1100)
            case .messageEnd(let tail, let oversized, _):
                total += tail.count
                #expect(!oversized)
            default: Issue.record("unexpected \(frame)")
            }
        }
        #expect(chunks == 10 && total == 10_000)
    }

}
