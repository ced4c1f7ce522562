import NIOCore

/// Splits what a test server receives into lines (LF or CRLF ends, the CR dropped), for the
/// loopback SMTP servers of the probe's and the bridge's tests.
public struct LineSplitter {
    private var pending: [UInt8] = []

    public init() {}

    public mutating func append(_ buffer: inout ByteBuffer) {
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    public mutating func next() -> String? {
        guard let lf = pending.firstIndex(of: 10) else { return nil }
        var line = String(decoding: pending[..<lf], as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        pending.removeFirst(lf + 1)
        return line
    }
}
