/// Why a scan could not run (DESIGN: one error type per module). The scan command maps
/// `missingInput` to exit status 66 (EX_NOINPUT), as for the other commands' missing inputs.
public struct ScanError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A file or folder given to scan does not exist.
        case missingInput
    }

    public let kind: Kind
    /// The path as the user gave it.
    public let path: String
    public let message: String

    public init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// `path: message`, the shape compilers use so editors can jump to it.
    public var description: String { "\(path): \(message)" }
}
