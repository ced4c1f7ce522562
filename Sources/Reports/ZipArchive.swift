import Foundation

/// A ZIP archive with stored (uncompressed) entries: what an .xlsx package needs and
/// nothing more (APPNOTE 6.3.x: local headers, central directory, end record). Times are
/// fixed at 1980-01-01 so the same register gives the same bytes.
struct ZipArchive {
    private var body = Data()
    private var central = Data()
    private var count = 0

    mutating func add(_ name: String, _ content: Data) {
        let nameBytes = Data(name.utf8)
        let crc = CRC32.checksum(content)
        let offset = UInt32(body.count)
        var local = Data()
        local.append(le32: 0x0403_4B50)
        local.append(le16: 20)          // version needed
        local.append(le16: 0x0800)      // UTF-8 names
        local.append(le16: 0)           // stored
        local.append(le16: 0)           // time
        local.append(le16: 0x21)        // date 1980-01-01
        local.append(le32: crc)
        local.append(le32: UInt32(content.count))
        local.append(le32: UInt32(content.count))
        local.append(le16: UInt16(nameBytes.count))
        local.append(le16: 0)
        local.append(nameBytes)
        body.append(local)
        body.append(content)

        central.append(le32: 0x0201_4B50)
        central.append(le16: 20)        // version made by
        central.append(le16: 20)
        central.append(le16: 0x0800)
        central.append(le16: 0)
        central.append(le16: 0)
        central.append(le16: 0x21)
        central.append(le32: crc)
        central.append(le32: UInt32(content.count))
        central.append(le32: UInt32(content.count))
        central.append(le16: UInt16(nameBytes.count))
        central.append(le16: 0)         // extra
        central.append(le16: 0)         // comment
        central.append(le16: 0)         // disk
        central.append(le16: 0)         // internal attributes
        central.append(le32: 0)         // external attributes
        central.append(le32: offset)
        central.append(nameBytes)
        count += 1
    }

    func data() -> Data {
        var out = body
        out.append(central)
        out.append(le32: 0x0605_4B50)
        out.append(le16: 0)
        out.append(le16: 0)
        out.append(le16: UInt16(count))
        out.append(le16: UInt16(count))
        out.append(le32: UInt32(central.count))
        out.append(le32: UInt32(body.count))
        out.append(le16: 0)
        return out
    }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) as ZIP requires.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Data {
    mutating func append(le16 v: UInt16) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    mutating func append(le32 v: UInt32) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
}
