import CZlib
import Foundation
import Testing

/// Reads the first worksheet's XML out of an .xlsx (a ZIP of deflated parts), enough to check
/// what a cell holds.
enum XLSXReading {
    static func sheet(_ data: Data) throws -> String {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let end = bytes.count - 22
        try #require(u32(end) == 0x0605_4B50, "end of central directory record")
        var p = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            let method = u16(p + 10)
            let compressed = u32(p + 20)
            let size = u32(p + 24)
            let nameLength = u16(p + 28)
            let local = u32(p + 42)
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            if name == "xl/worksheets/sheet1.xml" {
                let start = local + 30 + u16(local + 26) + u16(local + 28)
                let stored = [UInt8](bytes[start..<(start + compressed)])
                return String(decoding: method == 8 ? inflate(stored, size: size) : stored, as: UTF8.self)
            }
            p += 46 + nameLength + u16(p + 30) + u16(p + 32)
        }
        Issue.record("no sheet1.xml")
        return ""
    }

    static func inflate(_ input: [UInt8], size: Int) -> [UInt8] {
        var stream = z_stream()
        _ = inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        defer { inflateEnd(&stream) }
        var input = input
        var output = [UInt8](repeating: 0, count: size + 1)
        _ = input.withUnsafeMutableBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o -> Int32 in
                stream.next_in = i.baseAddress
                stream.avail_in = uInt(i.count)
                stream.next_out = o.baseAddress
                stream.avail_out = uInt(o.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        return Array(output[0..<Int(stream.total_out)])
    }
}
