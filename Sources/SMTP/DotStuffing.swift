/// Message transparency (RFC 5321 §4.5.2): a line that starts with "." gets a second one on the
/// wire, and the message ends with CRLF.CRLF. Line ends are normalised to CRLF first, because a
/// bare LF inside DATA is refused by Exchange Online and many other servers.
public enum DotStuffing {
    /// The message ready to send after a 354: CRLF line ends, leading dots doubled, terminated.
    public static func stuff(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 64 + 5)
        var atLineStart = true
        var i = 0
        while i < message.count {
            let b = message[i]
            if atLineStart && b == UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
            if b == UInt8(ascii: "\r") {
                // CR LF or a lone CR: both become CRLF.
                out.append(contentsOf: [13, 10])
                if i + 1 < message.count, message[i + 1] == 10 { i += 1 }
                atLineStart = true
            } else if b == 10 {
                out.append(contentsOf: [13, 10])
                atLineStart = true
            } else {
                out.append(b)
                atLineStart = false
            }
            i += 1
        }
        if !atLineStart { out.append(contentsOf: [13, 10]) }
        out.append(contentsOf: [UInt8(ascii: "."), 13, 10])
        return out
    }

    /// Reverses `stuff` for one received line (without its CRLF): nil for the terminating ".",
    /// otherwise the line with a leading dot removed.
    public static func unstuff(line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        if line.count == 1 && line.first == UInt8(ascii: ".") { return nil }
        if line.first == UInt8(ascii: ".") { return line.dropFirst() }
        return line
    }

    /// The stuffed message as transcript lines (without CRLF, the final "." included).
    static func transcriptLines(of stuffed: [UInt8]) -> [String] {
        var lines: [String] = []
        var start = 0
        var i = 0
        while i + 1 < stuffed.count {
            if stuffed[i] == 13 && stuffed[i + 1] == 10 {
                lines.append(String(decoding: stuffed[start..<i], as: UTF8.self))
                i += 2
                start = i
            } else {
                i += 1
            }
        }
        if start < stuffed.count { lines.append(String(decoding: stuffed[start...], as: UTF8.self)) }
        return lines
    }
}
