/// How an error message names one byte of an export: the character in quotes when it is
/// printable ASCII (`'x'`), else its value (`byte 0x1F`), so a control character or a stray
/// UTF-8 fragment never reaches a terminal as itself. One wording for the CSV and JSON readers.
enum ByteDescription {
    static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
