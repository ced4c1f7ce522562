extension String {
    /// Whether `needle` occurs in the string, comparing UTF-8 bytes with ASCII case folded.
    /// Used in the scan hot paths instead of Foundation's `contains`, which goes through
    /// CFString and UTF-16 on Linux.
    func containsIgnoringASCIICase(_ needle: String) -> Bool {
        var hay = self
        var pin = needle
        return hay.withUTF8 { h in
            pin.withUTF8 { n in
                guard !n.isEmpty else { return true }
                guard h.count >= n.count else { return false }
                @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
                let first = lower(n[0])
                var i = 0
                outer: while i + n.count <= h.count {
                    if lower(h[i]) == first {
                        for j in 1..<n.count where lower(h[i + j]) != lower(n[j]) { i += 1; continue outer }
                        return true
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
