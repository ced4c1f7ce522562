/// The text encodings Microsoft's export paths produce.
///
/// Windows PowerShell 5.1 `Export-Csv` writes ASCII by default, UTF-8 *with* a BOM for
/// `-Encoding UTF8` and UTF-16LE for `-Encoding Unicode`; PowerShell 7 writes UTF-8
/// without a BOM; the Graph usage reports start with a UTF-8 BOM (docs/exports.md#common-rules).
public enum SourceEncoding: String, Sendable, Codable {
    case utf8
    case utf8BOM = "utf8-bom"
    case utf16LE = "utf16le"
    case utf16BE = "utf16be"

    /// Detects the encoding from the first bytes of a file and says how many BOM bytes to skip.
    ///
    /// Without a BOM, text whose every second byte is NUL is taken as UTF-16 (PowerShell
    /// `Out-File` and some copy tools drop the BOM); anything else is read as UTF-8.
    public static func sniff(_ head: UnsafeBufferPointer<UInt8>) -> (SourceEncoding, bomLength: Int) {
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { return (.utf8BOM, 3) }
        if head.count >= 2, head[0] == 0xFF, head[1] == 0xFE { return (.utf16LE, 2) }
        if head.count >= 2, head[0] == 0xFE, head[1] == 0xFF { return (.utf16BE, 2) }
        let sample = min(head.count, 512) & ~1
        guard sample >= 4 else { return (.utf8, 0) }
        var zeroEven = 0
        var zeroOdd = 0
        for i in 0..<sample where head[i] == 0 {
            if i % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
        }
        let pairs = sample / 2
        if zeroOdd * 10 >= pairs * 9 && zeroEven == 0 { return (.utf16LE, 0) }
        if zeroEven * 10 >= pairs * 9 && zeroOdd == 0 { return (.utf16BE, 0) }
        return (.utf8, 0)
    }
}
