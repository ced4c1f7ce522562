import NIOCore

/// Reads SMTP replies off the wire (RFC 5321 §4.2), assembling multi-line replies, and enforces
/// the reply line limit of §4.5.3.1.5 before buffering more: a server that sends an endless line
/// costs at most 512 octets of memory, not all of it. Bytes, not Characters: a line is decoded
/// to text only when it is complete. Bare LF line ends are accepted (servers in the wild send
/// them); the CR is dropped either way.
public struct SMTPResponseDecoder: ByteToMessageDecoder {
    public typealias InboundOut = SMTPResponse

    private var pendingCode: Int?
    private var pendingLines: [String] = []
    private let lineLimit: Int

    /// - Parameter lineLimit: octets per line including CRLF; RFC 5321's 512 unless a caller
    ///   has a documented reason (RFC 4954 allows longer lines inside an AUTH exchange).
    public init(lineLimit: Int = SMTPLimits.replyLine) {
        self.lineLimit = lineLimit
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let reply = try nextReply(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(reply))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }

    /// The next complete reply in `buffer`, consuming its lines; nil when more bytes are needed.
    /// Exposed so tests and the bridge's outbound client can use it without a channel.
    public mutating func nextReply(from buffer: inout ByteBuffer) throws(SMTPProtocolError) -> SMTPResponse? {
        while true {
            let view = buffer.readableBytesView
            guard let lf = view.firstIndex(of: UInt8(ascii: "\n")) else {
                if view.count >= lineLimit { throw .lineTooLong(limit: lineLimit, section: "§4.5.3.1.5") }
                return nil
            }
            let lineLength = lf - view.startIndex + 1
            if lineLength > lineLimit { throw .lineTooLong(limit: lineLimit, section: "§4.5.3.1.5") }
            var end = lf
            if end > view.startIndex, view[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = Array(view[view.startIndex..<end])
            buffer.moveReaderIndex(forwardBy: lineLength)
            if let reply = try accept(line: line) { return reply }
        }
    }

    private mutating func accept(line: [UInt8]) throws(SMTPProtocolError) -> SMTPResponse? {
        let text = String(decoding: line, as: UTF8.self)
        guard line.count >= 3, line[0...2].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            line.count == 3 || line[3] == UInt8(ascii: " ") || line[3] == UInt8(ascii: "-")
        else { throw .malformedReply(text) }
        let code = Int(line[0] - 48) * 100 + Int(line[1] - 48) * 10 + Int(line[2] - 48)
        guard (200...599).contains(code) || (100...199).contains(code) else { throw .malformedReply(text) }
        if let first = pendingCode, first != code { throw .inconsistentReplyCode(first: first, later: code) }
        pendingCode = code
        pendingLines.append(line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : "")
        if pendingLines.count > SMTPLimits.replyLines { throw .tooManyReplyLines(SMTPLimits.replyLines) }
        let isLast = line.count == 3 || line[3] == UInt8(ascii: " ")
        guard isLast else { return nil }
        defer {
            pendingCode = nil
            pendingLines = []
        }
        return SMTPResponse(code: code, lines: pendingLines)
    }
}
