/// The one ASCII case-insensitive byte search in scan: the PowerShell tokens, the code view of
/// application code, the configuration rules and the prefilter all use it. Comparing bytes with
/// ASCII letters folded, not Foundation's `contains`, which goes through CFString and UTF-16 on
/// Linux, and without making a lower-cased copy of the file.
enum ASCIICase {
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    /// Where `needle` first occurs in `hay`, ignoring ASCII case, or nil (an empty needle is at 0).
    static func firstIndex(of needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>) -> Int? {
        let pin = needle.map(lower)
        return pin.withUnsafeBufferPointer { firstIndex(ofLowercase: $0, in: hay) }
    }

    /// Where `pin`, already lower-cased, first occurs in `hay` ignoring ASCII case.
    static func firstIndex(ofLowercase pin: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let head = pin.first else { return 0 }
        guard hay.count >= pin.count else { return nil }
        var i = 0
        let last = hay.count - pin.count
        outer: while i <= last {
            if lower(hay[i]) == head {
                var j = 1
                while j < pin.count {
                    if lower(hay[i + j]) != pin[j] {
                        i += 1
                        continue outer
                    }
                    j += 1
                }
                return i
            }
            i += 1
        }
        return nil
    }

    /// Whether `needle` occurs in `hay`, ignoring ASCII case.
    static func contains(_ hay: [UInt8], _ needle: String) -> Bool {
        hay.withUnsafeBufferPointer { firstIndex(of: Array(needle.utf8), in: $0) != nil }
    }
}

/// Several needles found in one pass over the bytes, ignoring ASCII case and without a
/// lower-cased copy: a table of the needles' first two bytes (lower-cased) says where a
/// needle may start, so each byte costs one lookup and only those places are compared.
struct MultiNeedleSearch: Sendable {
    /// The needles, lower-cased, one after another.
    let flat: [UInt8]
    let starts: [Int]
    let lengths: [Int]
    /// Indexed by (first byte << 8 | second byte), lower-cased.
    let pairs: [Bool]

    /// Every needle has at least two bytes.
    init(_ words: [String]) {
        var flat: [UInt8] = []
        var starts: [Int] = []
        var lengths: [Int] = []
        var pairs = [Bool](repeating: false, count: 1 << 16)
        for word in words {
            let needle = Array(word.utf8).map(ASCIICase.lower)
            precondition(needle.count >= 2, "a prefilter needle has at least two bytes")
            starts.append(flat.count)
            lengths.append(needle.count)
            flat += needle
            pairs[Int(needle[0]) << 8 | Int(needle[1])] = true
        }
        self.flat = flat
        self.starts = starts
        self.lengths = lengths
        self.pairs = pairs
    }

    /// Whether any needle occurs in `bytes`.
    func matchesAny(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 2 else { return false }
        return bytes.withUnsafeBufferPointer { hay in
            pairs.withUnsafeBufferPointer { pairs in
                flat.withUnsafeBufferPointer { flat in
                    let count = hay.count
                    var previous = ASCIICase.lower(hay[0])
                    var i = 1
                    while i < count {
                        let current = ASCIICase.lower(hay[i])
                        if pairs[Int(previous) << 8 | Int(current)] {
                            let at = i - 1
                            for n in 0..<starts.count {
                                let s = starts[n]
                                let length = lengths[n]
                                guard flat[s] == previous, flat[s + 1] == current, at + length <= count else { continue }
                                var j = 2
                                while j < length && ASCIICase.lower(hay[at + j]) == flat[s + j] { j += 1 }
                                if j == length { return true }
                            }
                        }
                        previous = current
                        i += 1
                    }
                    return false
                }
            }
        }
    }
}

extension String {
    /// Whether `needle` occurs in the string, comparing UTF-8 bytes with ASCII case folded.
    func containsIgnoringASCIICase(_ needle: String) -> Bool {
        var hay = self
        return hay.withUTF8 { ASCIICase.firstIndex(of: Array(needle.utf8), in: $0) != nil }
    }
}
