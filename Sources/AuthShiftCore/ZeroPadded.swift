extension FixedWidthInteger {
    /// The number's digits, zero-padded to `width` (`10.zeroPadded(2, radix: 16)` is "0a"): for
    /// dates, message IDs, percent-encoding, escapes and thumbprints, without Foundation's slower
    /// `String(format:)`.
    public func zeroPadded(_ width: Int, radix: Int = 10, uppercase: Bool = false) -> String {
        let digits = String(self, radix: radix, uppercase: uppercase)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
