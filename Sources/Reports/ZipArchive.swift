import CZlib
import Foundation

/// Writes a ZIP archive as a stream: each entry is deflated (zlib, raw deflate, method 8) as
/// its bytes arrive and handed to `emit` in pieces of about 64 KiB, so an entry of any size is
/// never held whole in memory. What an .xlsx package needs and nothing more (APPNOTE 6.3.x):
/// local headers, general purpose bit 3 with a data descriptor after each entry (the CRC and
/// sizes are known only at its end; java.util.zip writes deflated entries the same way),
/// the central directory and the end record. Times are fixed at 1980-01-01 so the same
/// register gives the same bytes. No ZIP64: an entry or archive past 4 GiB is an error.
final class ZipArchive {
    enum ZipError: Error, CustomStringConvertible {
        case tooLarge(String)
        case zlib(String, Int32)

        var description: String {
            switch self {
            case .tooLarge(let name): return "\(name) is larger than 4 GiB, which a ZIP archive without ZIP64 cannot hold"
            case .zlib(let step, let code): return "zlib \(step) failed (\(code))"
            }
        }
    }

    /// zlib's fastest level. Measured on the Mailboxes sheet of a 50,000-mailbox register
    /// (73 MB of XML): level 1 writes 3.8 MB in 0.6 s, level 6 (zlib's default) 3.0 MB in
    /// 3.9 s, level 9 2.6 MB in 13 s (docs/benchmarks.md). Level 1 already removes 95% of the
    /// bytes; the slower levels would add seconds to every assess for a few hundred KB.
    static let level: Int32 = 1

    private let emit: (Data) throws -> Void
    private var written: UInt64 = 0
    private var central = Data()
    private var count = 0
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    private var current: (name: String, nameBytes: Data, offset: UInt64, crc: UInt, size: UInt64, compressed: UInt64)?

    init(emit: @escaping (Data) throws -> Void) {
        self.emit = emit
    }

    deinit {
        if current != nil { deflateEnd(&stream) }
    }

    /// Starts an entry; `write` adds its content and `endEntry` closes it.
    func beginEntry(_ name: String) throws {
        precondition(current == nil, "an entry is open")
        let nameBytes = Data(name.utf8)
        var local = Data()
        local.append(le32: 0x0403_4B50)
        local.append(le16: 20)  // version needed: deflate
        local.append(le16: 0x0808)  // bit 3: sizes in the data descriptor; bit 11: UTF-8 names
        local.append(le16: 8)  // deflated
        local.append(le16: 0)  // time
        local.append(le16: 0x21)  // date 1980-01-01
        local.append(le32: 0)  // CRC-32, sizes: in the data descriptor
        local.append(le32: 0)
        local.append(le32: 0)
        local.append(le16: UInt16(nameBytes.count))
        local.append(le16: 0)
        local.append(nameBytes)
        let offset = written
        try put(local)
        stream = z_stream()
        let status = deflateInit2_(
            &stream, Self.level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw ZipError.zlib("deflateInit2", status) }
        current = (name, nameBytes, offset, crc32(0, nil, 0), 0, 0)
    }

    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var entry = current, let base = bytes.baseAddress, bytes.count > 0 else { return }
        entry.crc = crc32(entry.crc, base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count))
        entry.size += UInt64(bytes.count)
        current = entry
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(bytes.count)
        try pump(flush: Z_NO_FLUSH)
        stream.next_in = nil
    }

    func endEntry() throws {
        guard let entry = current else { return }
        try pump(flush: Z_FINISH)
        deflateEnd(&stream)
        current = nil
        let compressed = UInt64(stream.total_out)
        guard entry.size <= UInt64(UInt32.max), compressed <= UInt64(UInt32.max), entry.offset <= UInt64(UInt32.max) else {
            throw ZipError.tooLarge(entry.name)
        }
        var descriptor = Data()
        descriptor.append(le32: 0x0807_4B50)
        descriptor.append(le32: UInt32(entry.crc))
        descriptor.append(le32: UInt32(compressed))
        descriptor.append(le32: UInt32(entry.size))
        try put(descriptor)

        central.append(le32: 0x0201_4B50)
        central.append(le16: 20)  // version made by
        central.append(le16: 20)  // version needed
        central.append(le16: 0x0808)
        central.append(le16: 8)
        central.append(le16: 0)
        central.append(le16: 0x21)
        central.append(le32: UInt32(entry.crc))
        central.append(le32: UInt32(compressed))
        central.append(le32: UInt32(entry.size))
        central.append(le16: UInt16(entry.nameBytes.count))
        central.append(le16: 0)  // extra
        central.append(le16: 0)  // comment
        central.append(le16: 0)  // disk
        central.append(le16: 0)  // internal attributes
        central.append(le32: 0)  // external attributes
        central.append(le32: UInt32(entry.offset))
        central.append(entry.nameBytes)
        count += 1
    }

    /// A whole entry at once (the small parts of a package).
    func add(_ name: String, _ content: String) throws {
        try beginEntry(name)
        try write(content)
        try endEntry()
    }

    /// Writes the central directory and the end record.
    func finish() throws {
        precondition(current == nil, "an entry is open")
        let centralOffset = written
        guard centralOffset <= UInt64(UInt32.max) else { throw ZipError.tooLarge("the archive") }
        var end = central
        end.append(le32: 0x0605_4B50)
        end.append(le16: 0)
        end.append(le16: 0)
        end.append(le16: UInt16(count))
        end.append(le16: UInt16(count))
        end.append(le32: UInt32(central.count))
        end.append(le32: UInt32(centralOffset))
        end.append(le16: 0)
        try put(end)
    }

    /// Runs deflate until it has consumed the input (or, finishing, written everything).
    private func pump(flush: Int32) throws {
        while true {
            let status = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                return deflate(&stream, flush)
            }
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw ZipError.zlib("deflate", status) }
            let produced = output.count - Int(stream.avail_out)
            if produced > 0 { try put(Data(output[0..<produced])) }
            if flush == Z_FINISH ? status == Z_STREAM_END : (stream.avail_in == 0 && stream.avail_out > 0) { return }
        }
    }

    private func put(_ data: Data) throws {
        written += UInt64(data.count)
        try emit(data)
    }
}

extension Data {
    mutating func append(le16 v: UInt16) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    mutating func append(le32 v: UInt32) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
}
