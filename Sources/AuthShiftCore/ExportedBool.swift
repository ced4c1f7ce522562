/// A Boolean property as an export carries it: a value, `$null`, or no column at all.
///
/// Exchange uses `$null` as a real setting ("inherit from the organization" for
/// `SmtpClientAuthenticationDisabled`, Set-CASMailbox.md), while a missing column only
/// means the export did not include it (Get-EXOCasMailbox leaves it out unless asked,
/// cmdlet-property-sets.md). The two must never be merged.
///
/// In AuthShiftCore because the register carries the tenant's setting in this type and the
/// plan's change set reads it; in JSON it is its display text (`"True"`, `"False"`, `"null"`,
/// `"missing"`), as register.json has always written the tenant setting.
public enum ExportedBool: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    case value(Bool)
    case null
    case missingColumn

    /// A value to set: true, false, or nil for `$null`.
    public init(_ value: Bool?) {
        self = value.map(ExportedBool.value) ?? .null
    }

    public var bool: Bool? {
        if case .value(let b) = self { return b }
        return nil
    }

    /// `True`, `False`, `null` or `missing`, as shown in reports.
    public var display: String {
        switch self {
        case .value(let b): return b ? "True" : "False"
        case .null: return "null"
        case .missingColumn: return "missing"
        }
    }

    public var description: String { display }

    /// Reads `display` back; nil for any other text.
    public init?(display: String) {
        switch display {
        case "True": self = .value(true)
        case "False": self = .value(false)
        case "null": self = .null
        case "missing": self = .missingColumn
        default: return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = ExportedBool(display: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected True, False, null or missing, got \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(display)
    }
}
