/// A password, client secret or access token held in memory. Its description is the mask, so
/// string interpolation, `print` and `dump` cannot leak it; only `reveal` gives the value, and
/// only the code that puts it on the wire calls that.
public struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    public init(_ value: String) { self.value = value }

    public func reveal() -> String { value }
    public var isEmpty: Bool { value.isEmpty }
    public var description: String { "********" }
    public var debugDescription: String { "********" }
}
