#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Maps byte strings to small integer ids, making a `String` only the first time a value
/// is seen. Sign-in logs repeat a few thousand users, apps and addresses millions of
/// times; interning keeps the hot loop free of allocations.
///
/// `normalize` maps a new value to its canonical text (for example lower-casing user
/// names); values that normalize alike share one id.
final class ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    private var ids: [Int32] = []
    private var slots: [Int32]
    private var mask: Int
    private var canonicalIds: [String: Int32] = [:]
    private(set) var strings: [String] = []
    private let normalize: (String) -> String

    init(normalize: @escaping (String) -> String = { $0 }) {
        self.normalize = normalize
        slots = [Int32](repeating: -1, count: 1024)
        mask = 1023
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h ^ (h >> 29)
    }

    /// The id of `bytes`, interning them on first sight.
    func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = ByteInterner.hash(bytes)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            let e = Int(entry)
            if hashes[e] == h, lengths[e] == bytes.count, equalBytes(e, bytes) { return ids[e] }
            slot = (slot + 1) & mask
        }
        let text = normalize(String(decoding: bytes, as: UTF8.self))
        let id: Int32
        if let existing = canonicalIds[text] {
            id = existing
        } else {
            id = Int32(strings.count)
            strings.append(text)
            canonicalIds[text] = id
        }
        let entryIndex = Int32(hashes.count)
        starts.append(arena.count)
        lengths.append(bytes.count)
        arena.append(contentsOf: bytes)
        hashes.append(h)
        ids.append(id)
        slots[slot] = entryIndex
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    func intern(_ text: String) -> Int32 {
        var copy = text
        return copy.withUTF8 { intern($0) }
    }

    private func equalBytes(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.isEmpty { return true }
        return arena.withUnsafeBufferPointer { a in
            memcmp(a.baseAddress! + starts[entry], bytes.baseAddress!, bytes.count) == 0
        }
    }

    private func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }
}
