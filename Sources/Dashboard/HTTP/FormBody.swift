import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body as name → value (the last value of a repeated
/// name wins). Bodies over 64 KiB are refused: the edit form is a few short fields.
enum FormBody {
    static let limit = 64 * 1024

    static func read(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: limit)
        return try parse(String(buffer: buffer))
    }

    static func parse(_ text: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            out[try decode(parts[0])] = parts.count > 1 ? try decode(parts[1]) : ""
        }
        return out
    }

    /// One name or value as an HTML form encodes it: "+" is a space, "%2B" a plus. Malformed
    /// percent-encoding (or bytes that are not UTF-8) is refused with 400: read as empty, it would
    /// clear the field it was meant to set.
    static func decode(_ s: Substring) throws -> String {
        guard let decoded = s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
            throw PageError(.badRequest, "A form or query value is not valid percent-encoded UTF-8; nothing was changed.")
        }
        return decoded
    }
}
