/// Splits what a client sends into command lines and message data, for the bridge's server
/// side, enforcing RFC 5321's limits as it reads: a command line over 512 octets (§4.5.3.1.4)
/// is discarded up to its end and reported, never buffered; message text is un-dot-stuffed
/// (§4.5.2), handed on in chunks of `chunkSize` so a large message is never held whole in
/// memory, and counted against the size limit (excess is discarded, not held). Bytes, not
/// Characters: a command line is decoded to text only once it is complete.
///
/// Message data ends only on `<CRLF>.<CRLF>` (§4.1.1.4). A bare LF or bare CR inside it
/// (§2.3.8: "SMTP client implementations MUST NOT transmit these characters except when they
/// are intended as line terminators and then MUST transmit them only as a <CRLF> sequence") is
/// either refused (`.refuse`: the framer reports `bareLineEnding` and reads nothing more, like
/// Postfix's `smtpd_forbid_bare_newline = reject`) or taken as a line end and stored as CRLF
/// (`.normalise`), but never as part of the terminator. That closes SMTP smuggling: no form of
/// `<LF>.<LF>`, `<LF>.<CRLF>`, `<CRLF>.<LF>`, `<CR>.<CR>`, `<CR>.<CRLF>` or `<CRLF>.<CR>` ends
/// the message, so nothing after it is ever read as a command.
///
/// A text line over 1000 octets (§4.5.3.1.6) is passed on as it is: old scanners write a whole
/// attachment as one base64 line, and losing the scan would be worse than a long line.
public struct SMTPServerFramer: Sendable {
    public enum Frame: Sendable, Equatable {
        case command(String)
        /// A command line longer than the limit (its bytes were dropped).
        case commandTooLong
        /// Un-stuffed message content, in order; more follows.
        case data([UInt8])
        /// The end of the message: its last content, whether it went over the size limit
        /// (content then truncated), and its header From field.
        case messageEnd(tail: [UInt8], oversized: Bool, headerFrom: HeaderFrom)
        /// A bare CR or LF in message data where those are refused. The framer then ignores all
        /// further input: whatever follows may be a smuggled command.
        case bareLineEnding
    }

    /// `authLine` reads one SASL response line (longer lines allowed, RFC 4954 §4) and then
    /// returns to `command` by itself; `data` lasts until the terminating ".".
    public enum Mode: Sendable { case command, authLine, data }

    /// What a bare CR or LF inside message data does.
    public enum BareLineEndings: String, Sendable, CaseIterable {
        /// End the transaction with a 5xx and the connection (the default where AUTH is offered).
        case refuse
        /// Treat it as a line end and store CRLF (for old devices on a listener without AUTH).
        case normalise
    }

    public var mode: Mode = .command {
        didSet { if mode == .data && oldValue != .data { startMessage() } }
    }
    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var discardingLine = false
    private var stopped = false
    private var message: [UInt8] = []
    private var messageSize = 0
    private var oversized = false
    private var headerFrom = HeaderFromCollector()
    /// The last data line ended with a real CRLF (or data just began): only then can "." end it.
    private var previousLineEndedWithCRLF = true
    /// Part of the current data line was already passed on (a long line).
    private var midLine = false
    private let maximumMessageSize: Int
    private let chunkSize: Int
    private let bareLineEndings: BareLineEndings

    public init(maximumMessageSize: Int, chunkSize: Int = 65_536, bareLineEndings: BareLineEndings = .refuse) {
        self.maximumMessageSize = maximumMessageSize
        self.chunkSize = chunkSize
        self.bareLineEndings = bareLineEndings
    }

    /// Bytes held that no frame has consumed yet (RFC 3207 §6: after STARTTLS they must be dropped).
    public var hasBufferedInput: Bool { readIndex < buffer.count }

    public mutating func discardBufferedInput() {
        buffer.removeAll(keepingCapacity: true)
        readIndex = 0
    }

    public mutating func append<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        guard !stopped else { return }
        if readIndex > 0 && readIndex >= buffer.count / 2 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next frame, or nil when more bytes are needed.
    public mutating func next() -> Frame? {
        while !stopped {
            if mode == .data {
                switch nextDataStep() {
                case .needMore: return nil
                case .frame(let frame): return frame
                case .again: continue
                }
            }
            let limit = mode == .command ? SMTPLimits.commandLine : SMTPLimits.authLine
            guard let lf = buffer[readIndex...].firstIndex(of: 10) else {
                // No line end yet: a line already over the limit is dropped as it arrives.
                if buffer.count - readIndex > limit {
                    discardingLine = true
                    readIndex = buffer.count
                }
                return nil
            }
            let lineStart = readIndex
            readIndex = lf + 1
            var end = lf
            if end > lineStart && buffer[end - 1] == 13 { end -= 1 }
            let tooLong = discardingLine || lf + 1 - lineStart > limit
            discardingLine = false
            mode = .command
            return tooLong ? .commandTooLong : .command(String(decoding: buffer[lineStart..<end], as: UTF8.self))
        }
        return nil
    }

    // MARK: Message data

    private enum DataStep {
        case needMore
        case frame(Frame)
        case again
    }
    private enum LineEnding { case crlf, bareLF, bareCR }

    private mutating func startMessage() {
        message = []
        messageSize = 0
        oversized = false
        headerFrom = HeaderFromCollector()
        previousLineEndedWithCRLF = true
        midLine = false
    }

    private mutating func nextDataStep() -> DataStep {
        let start = readIndex
        guard let end = buffer[start...].firstIndex(where: { $0 == 13 || $0 == 10 }) else {
            // No line end yet. A long line is passed on in pieces (its leading dot decided on
            // the first piece), so it is never held whole.
            if buffer.count - start > SMTPLimits.textLine {
                takeContent(buffer[start...], endsLine: false)
                readIndex = buffer.count
                return flushFullChunk()
            }
            return .needMore
        }
        let ending: LineEnding
        var next = end + 1
        if buffer[end] == 10 {
            ending = .bareLF
        } else if end + 1 < buffer.count {
            if buffer[end + 1] == 10 {
                ending = .crlf
                next = end + 2
            } else {
                ending = .bareCR
            }
        } else {
            return .needMore  // a CR as the last byte: wait to see whether LF follows
        }
        readIndex = next
        if ending != .crlf && bareLineEndings == .refuse {
            stopped = true
            buffer = []
            readIndex = 0
            startMessage()
            mode = .command
            return .frame(.bareLineEnding)
        }
        let content = buffer[start..<end]
        if !midLine && ending == .crlf && previousLineEndedWithCRLF && content.count == 1 && content.first == UInt8(ascii: ".") {
            let frame = Frame.messageEnd(tail: message, oversized: oversized, headerFrom: headerFrom.result)
            startMessage()
            mode = .command
            return .frame(frame)
        }
        takeContent(content, endsLine: true)
        previousLineEndedWithCRLF = ending == .crlf
        return flushFullChunk()
    }

    /// Un-stuffs (a leading "." is removed, RFC 5321 §4.5.2, except from a lone "." that did not
    /// end the message), feeds the header reader and stores the bytes, a line end as CRLF.
    private mutating func takeContent(_ piece: ArraySlice<UInt8>, endsLine: Bool) {
        var content = piece
        if !midLine && content.count > 1 && content.first == UInt8(ascii: ".") { content = content.dropFirst() }
        midLine = !endsLine
        headerFrom.take(content, endsLine: endsLine)
        let needed = content.count + (endsLine ? 2 : 0)
        if oversized || messageSize + needed > maximumMessageSize {
            oversized = true
            message = []
            return
        }
        message.append(contentsOf: content)
        if endsLine { message.append(contentsOf: [13, 10]) }
        messageSize += needed
    }

    private mutating func flushFullChunk() -> DataStep {
        guard message.count >= chunkSize && !oversized else { return .again }
        defer { message = [] }
        return .frame(.data(message))
    }
}
