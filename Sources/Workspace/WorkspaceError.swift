import AuthShiftCore

/// Everything that can go wrong with a workspace, with the file and field it concerns, so
/// the executable can print `file: field "X": message` and map `kind` to an exit status.
public struct WorkspaceError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// The workspace folder or its database does not exist (66).
        case missing
        /// The file exists but is not an authshift workspace (65).
        case notAWorkspace
        /// The workspace was written by a newer authshift whose schema this binary does not know (65).
        case newerSchema
        /// A value given to the workspace (a register, an inventory row, an edit) is not valid (65).
        case badValue
        /// No stored sender, run or tenant matches what was asked for (66).
        case notFound
        /// More than one sender or tenant matches; the message lists them (64).
        case ambiguous
        /// SQLite refused (disk full, locked beyond the busy timeout, corrupt file) (65).
        case database
    }

    public var kind: Kind
    public var file: String
    public var field: String?
    public var message: String

    public init(_ kind: Kind, file: String, field: String? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = file + ": "
        if let field { text += "field \"\(field)\": " }
        return text + message
    }

    /// The documented exit status for this error (see `ExitStatus`).
    public var exitStatus: ExitStatus {
        switch kind {
        case .missing, .notFound: return .noInput
        case .ambiguous: return .usage
        case .notAWorkspace, .newerSchema, .badValue, .database: return .dataError
        }
    }
}
