/// XML text escaping, the one escaper for every XML and HTML output (XLSX parts, the JUnit
/// check report, report.html): `&`, `<`, `>` and `"` become entities, and characters XML 1.0
/// forbids (controls other than tab, CR and LF; U+FFFE and U+FFFF) are dropped.
enum XML {
    static func escape(_ text: String) -> String {
        // Most cells need nothing: check the bytes before building a new string.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0xEF }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
