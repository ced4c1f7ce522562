/// A Boolean property as an export carries it: a value, `$null`, or no column at all.
///
/// Exchange uses `$null` as a real setting ("inherit from the organization" for
/// `SmtpClientAuthenticationDisabled`, Set-CASMailbox.md), while a missing column only
/// means the export did not include it (Get-EXOCasMailbox leaves it out unless asked,
/// cmdlet-property-sets.md). The two must never be merged.
public enum ExportedBool: Sendable, Equatable, Hashable, Codable {
    case value(Bool)
    case null
    case missingColumn

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
}
