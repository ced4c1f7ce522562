/// The one trim helper: removes the given characters from the ends of a text, compared one
/// Unicode scalar at a time, so `"\r\n"` counts as the two characters it is on the wire and in
/// files (Swift's `Character` would see one grapheme and trim neither). Foundation's
/// `trimmingCharacters(in:)` takes a `CharacterSet`; these take the characters as they are written.
extension StringProtocol {
    /// Without any of `characters` at the start or the end.
    public func trimming(_ characters: String) -> String {
        trimmed(characters, start: true, end: true)
    }

    /// Without any of `characters` at the end (trailing padding, a line ending).
    public func trimmingEnd(_ characters: String) -> String {
        trimmed(characters, start: false, end: true)
    }

    private func trimmed(_ characters: String, start: Bool, end: Bool) -> String {
        let set = Set(characters.unicodeScalars)
        let scalars = String(self).unicodeScalars
        var lower = scalars.startIndex
        var upper = scalars.endIndex
        if start {
            while lower < upper, set.contains(scalars[lower]) { lower = scalars.index(after: lower) }
        }
        if end {
            while upper > lower, set.contains(scalars[scalars.index(before: upper)]) { upper = scalars.index(before: upper) }
        }
        return String(Substring(scalars[lower..<upper]))
    }
}
