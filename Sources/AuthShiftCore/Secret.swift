/// A password, client secret or access token held in memory. Its description is the mask, so
/// string interpolation, `print` and `dump` cannot leak it; only `reveal` gives the value, and
/// only the code that puts it on the wire calls that.
public struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What every layer writes in place of a secret (transcripts, logs, reports): the one mask.
    public static let mask = "********"

    private let value: String

    public init(_ value: String) { self.value = value }

    public func reveal() -> String { value }
    public var isEmpty: Bool { value.isEmpty }
    public var description: String { Self.mask }
    public var debugDescription: String { Self.mask }
}
