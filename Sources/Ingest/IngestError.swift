/// Everything that can go wrong while reading an export, with enough location to fix it:
/// the file, the physical line (1-based) and the field when known.
///
/// The executable maps `kind` to an exit status: `.missingInput` to 66, everything else
/// to 65 (see `AuthShiftCore.ExitStatus`).
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// The path does not exist or is not readable.
        case missingInput
        /// The bytes are not valid for the format (unbalanced quote, truncated JSON, ...).
        case malformed
        /// The file is well formed but a value is not what the export kind allows.
        case badValue
        /// The file is readable but is not an export authshift knows.
        case unrecognized
    }

    public var kind: Kind
    public var file: String
    public var line: Int?
    public var field: String?
    public var message: String

    public init(_ kind: Kind, file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `file:line: field "X": message`, the shape compilers use so editors can jump to it.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "field \"\(field)\": " }
        return text + message
    }
}
