/// A parsed JSON value. Objects keep their keys in file order and keep duplicates, and
/// keys are looked up case-insensitively: ConvertTo-Json writes PascalCase property names
/// while Graph writes camelCase, and a reader should find `SmtpClientAuthenticationDisabled`
/// either way.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Member lookup on an object (case-insensitive); nil on anything else.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }
}

/// An ordered JSON object.
public struct JSONObject: Sendable, Equatable {
    public var members: [(key: String, value: JSONValue)]

    public init(_ members: [(key: String, value: JSONValue)] = []) { self.members = members }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public var keys: [String] { members.map(\.key) }

    /// The first member whose key equals `key` ignoring case.
    public subscript(key: String) -> JSONValue? {
        if let exact = members.first(where: { $0.key == key }) { return exact.value }
        let lowered = key.lowercased()
        return members.first(where: { $0.key.lowercased() == lowered })?.value
    }
}
