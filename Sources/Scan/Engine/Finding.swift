/// How bad a finding is; `--fail-on` compares against it.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case low, medium, high, critical
    public static func < (a: Severity, b: Severity) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// One finding: where, which rule, how bad, and the concrete replacement. Never contains a
/// secret value: rules describe where a secret comes from, not what it is.
public struct Finding: Sendable, Codable, Equatable {
    public var rule: String
    public var file: String
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var severity: Severity
    public var message: String
    public var replacement: String
}
