/// One row of a cmdlet or report export, whether it came from a CSV line or a JSON
/// object, so that each reader is written once for both forms.
///
/// `value(_:)` distinguishes a *missing column* (nil: the export did not carry it, which
/// means "unknown") from an *empty value* (`.null`: `$null` written as an empty field,
/// `""` or JSON `null`). docs/exports.md#get-casmailbox explains why the difference matters for
/// `SmtpClientAuthenticationDisabled`.
public struct ExportRecord: Sendable {
    public let file: String
    public let line: Int
    let storage: Storage
    /// Where date columns count their day/month evidence and find the file's order.
    public var dates: DateColumnLog?

    enum Storage: Sendable {
        case csv(header: CSVHeader, cells: [String])
        case json(JSONObject)
    }

    public init(file: String, line: Int, header: CSVHeader, cells: [String]) {
        self.file = file
        self.line = line
        self.storage = .csv(header: header, cells: cells)
    }

    public init(file: String, line: Int, object: JSONObject) {
        self.file = file
        self.line = line
        self.storage = .json(object)
    }

    /// The value of the first alias the record has; nil when it has none of them.
    public func value(_ aliases: String...) -> JSONValue? { value(anyOf: aliases) }

    public func value(anyOf aliases: [String]) -> JSONValue? {
        switch storage {
        case .csv(let header, let cells):
            guard let i = header.index(ofAny: aliases) else { return nil }
            guard i < cells.count else { return .null }
            return cells[i].isEmpty ? .null : .string(cells[i])
        case .json(let object):
            for alias in aliases {
                if let v = object[alias] { return v }
            }
            return nil
        }
    }

    /// The first alias the record actually carries (for error messages).
    public func columnName(_ aliases: [String]) -> String {
        switch storage {
        case .csv(let header, _):
            if let i = header.index(ofAny: aliases) { return header.names[i] }
        case .json(let object):
            for alias in aliases {
                if let member = object.members.first(where: { $0.key.lowercased() == alias.lowercased() }) { return member.key }
            }
        }
        return aliases.first ?? ""
    }
}
