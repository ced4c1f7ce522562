/// Text from outside (a device's EHLO name, message headers, an upstream's reply) made safe to
/// print on a terminal: control characters are shown escaped (`\x1B`, `\r`, `\u{9B}`) so an
/// escape sequence a client sent cannot move the cursor, retitle the window or hide lines when
/// an administrator looks at the queue.
public enum TerminalText {
    /// `keepingNewlines`: line feeds (and tabs) stay, for multi-line text such as a header block.
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepingNewlines, 0x09 where keepingNewlines:
                out.unicodeScalars.append(scalar)
            case 0x0D: out += "\\r"
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x00..<0x20, 0x7F: out += "\\x" + hex(scalar.value, digits: 2)
            // C1 controls (CSI is 0x9B), and the bidirectional overrides that reorder what is shown.
            case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: out += "\\u{" + hex(scalar.value, digits: 4) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
