import Foundation

/// JSON as authshift writes it everywhere: pretty, keys sorted (stable diffs between
/// runs), no escaped slashes, dates as ISO 8601 strings.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
