/// Splits what a client sends into command lines and message data, for the bridge's server
/// side, enforcing RFC 5321's limits as it reads: a command line over 512 octets (§4.5.3.1.4)
/// is discarded up to its end and reported, never buffered; message text is un-dot-stuffed
/// (§4.5.2), handed on in chunks of `chunkSize` so a large message is never held whole in
/// memory, counted against the size limit (excess is discarded, not held), and any text line
/// over 1000 octets (§4.5.3.1.6) is noted. Bytes, not Characters: a command line is decoded to
/// text only once it is complete.
public struct SMTPServerFramer: Sendable {
    public enum Frame: Sendable, Equatable {
        case command(String)
        /// A command line longer than the limit (its bytes were dropped).
        case commandTooLong
        /// Un-stuffed message content, in order; more follows.
        case data([UInt8])
        /// The end of the message: its last content, whether it went over the size limit
        /// (content then truncated) and whether a line broke the 1000-octet text limit.
        case messageEnd(tail: [UInt8], oversized: Bool, lineTooLong: Bool)
    }

    /// `authLine` reads one SASL response line (longer lines allowed, RFC 4954 §4) and then
    /// returns to `command` by itself; `data` lasts until the terminating ".".
    public enum Mode: Sendable { case command, authLine, data }

    public var mode: Mode = .command
    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var discardingLine = false
    private var message: [UInt8] = []
    private var messageSize = 0
    private var oversized = false
    private var lineTooLong = false
    private let maximumMessageSize: Int
    private let chunkSize: Int

    public init(maximumMessageSize: Int, chunkSize: Int = 65_536) {
        self.maximumMessageSize = maximumMessageSize
        self.chunkSize = chunkSize
    }

    /// Bytes held that no frame has consumed yet (RFC 3207 §6: after STARTTLS they must be dropped).
    public var hasBufferedInput: Bool { readIndex < buffer.count }

    public mutating func discardBufferedInput() {
        buffer.removeAll(keepingCapacity: true)
        readIndex = 0
    }

    public mutating func append<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if readIndex > 0 && readIndex >= buffer.count / 2 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next frame, or nil when more bytes are needed.
    public mutating func next() -> Frame? {
        while true {
            let limit = mode == .command ? SMTPLimits.commandLine : mode == .authLine ? SMTPLimits.authLine : SMTPLimits.textLine + 1
            guard let lf = buffer[readIndex...].firstIndex(of: 10) else {
                // No line end yet: a line already over the limit is dropped as it arrives.
                if buffer.count - readIndex > limit {
                    if mode == .data {
                        lineTooLong = true
                        consumeDataBytes(buffer[readIndex...], endsLine: false)
                    }
                    discardingLine = mode != .data
                    readIndex = buffer.count
                }
                return nil
            }
            let lineStart = readIndex
            readIndex = lf + 1
            var end = lf
            if end > lineStart && buffer[end - 1] == 13 { end -= 1 }
            let line = buffer[lineStart..<end]
            switch mode {
            case .command, .authLine:
                let tooLong = discardingLine || lf + 1 - lineStart > limit
                discardingLine = false
                mode = .command
                return tooLong ? .commandTooLong : .command(String(decoding: line, as: UTF8.self))
            case .data:
                discardingLine = false
                guard let content = DotStuffing.unstuff(line: line) else {
                    let frame = Frame.messageEnd(tail: message, oversized: oversized, lineTooLong: lineTooLong)
                    message = []
                    messageSize = 0
                    oversized = false
                    lineTooLong = false
                    mode = .command
                    return frame
                }
                // The 1000-octet limit does not count the transparency dot (§4.5.3.1.6).
                if content.count + 2 > SMTPLimits.textLine { lineTooLong = true }
                consumeDataBytes(content, endsLine: true)
                if message.count >= chunkSize && !oversized {
                    defer { message = [] }
                    return .data(message)
                }
            }
        }
    }

    private mutating func consumeDataBytes(_ bytes: ArraySlice<UInt8>, endsLine: Bool) {
        let needed = bytes.count + (endsLine ? 2 : 0)
        if oversized || messageSize + needed > maximumMessageSize {
            oversized = true
            message = []
            return
        }
        message.append(contentsOf: bytes)
        if endsLine { message.append(contentsOf: [13, 10]) }
        messageSize += needed
    }
}
