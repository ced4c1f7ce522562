import NIOCore

extension SMTPCommand {
    /// The bytes on the wire, CRLF included.
    public func write(into buffer: inout ByteBuffer) {
        switch self {
        case .message(let bytes):
            buffer.writeBytes(bytes)
            return
        default:
            buffer.writeString(wireText)
            buffer.writeStaticString("\r\n")
        }
    }
}

/// Writes commands to the channel; the handler deals in `SMTPCommand` values only.
public struct SMTPCommandEncoder: MessageToByteEncoder {
    public typealias OutboundIn = SMTPCommand
    public init() {}
    public func encode(data: SMTPCommand, out: inout ByteBuffer) throws {
        data.write(into: &out)
    }
}
