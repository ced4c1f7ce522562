import AuthShiftCore
import Foundation
import Ingest

/// Renders a `SignInSummary` as a terminal table, CSV or JSON (`authshift signins summarize`).
public enum SignInSummaryReport {
    public static let columns = ["user", "clientApp", "legacy", "ipAddress", "outcome", "count", "firstSeen", "lastSeen", "failureReasons"]

    struct Row: Codable {
        let user: String
        let clientApp: String
        let clientAppCategory: String
        let ipAddress: String
        let outcome: String
        let count: Int
        let firstSeen: String?
        let lastSeen: String?
        let failureReasons: [String: Int]
        /// Every key is written, `null` when nil (docs/schemas/signins.schema.json).
        enum CodingKeys: String, NullWritingKey {
            case user, clientApp, clientAppCategory, ipAddress, outcome, count, firstSeen, lastSeen, failureReasons
        }
    }

    /// Rows made one at a time as the output is written, so the summary is not copied.
    static func rows(_ summary: SignInSummary, legacyOnly: Bool) -> LazyMapSequence<LazyFilterSequence<[SignInSummary.Group]>, Row> {
        summary.sortedGroups.lazy.filter { !legacyOnly || $0.clientApp.isLegacy }.map {
            Row(
                user: $0.user, clientApp: $0.clientApp.name, clientAppCategory: $0.clientApp.category.rawValue,
                ipAddress: $0.ipAddress, outcome: $0.outcome.rawValue, count: $0.count,
                firstSeen: $0.firstSeen?.description, lastSeen: $0.lastSeen?.description, failureReasons: $0.failureReasons)
        }
    }

    static func reasons(_ r: [String: Int]) -> String {
        r.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: "; ")
    }

    public static func table(_ summary: SignInSummary, legacyOnly: Bool = false) -> String {
        var t = TextTable(header: ["USER", "CLIENT APP", "IP ADDRESS", "OUTCOME", "COUNT", "FIRST SEEN", "LAST SEEN", "FAILURE REASONS"])
        for r in rows(summary, legacyOnly: legacyOnly) {
            t.add([
                r.user, r.clientApp + (r.clientAppCategory == "legacy" ? " (legacy)" : ""), r.ipAddress, r.outcome, String(r.count),
                r.firstSeen ?? "", r.lastSeen ?? "", reasons(r.failureReasons),
            ])
        }
        return t.render()
    }

    /// Streams the CSV to `emit` in pieces, so a large summary is never one string in memory.
    public static func csv(_ summary: SignInSummary, legacyOnly: Bool = false, emit: (String) -> Void) {
        var pending = CSVWriter.byteOrderMark + CSVWriter.line(columns)
        for r in rows(summary, legacyOnly: legacyOnly) {
            pending += CSVWriter.line([
                r.user, r.clientApp, r.clientAppCategory == "legacy" ? "yes" : (r.clientAppCategory == "modern" ? "no" : "unknown"),
                r.ipAddress, r.outcome, String(r.count), r.firstSeen ?? "", r.lastSeen ?? "", reasons(r.failureReasons),
            ])
            if pending.utf8.count > 1 << 16 {
                emit(pending)
                pending = ""
            }
        }
        emit(pending)
    }

    /// Streams `{"schema": "authshift.signins/1", "rows": N, "groups": [...]}` to `emit`,
    /// one group per line.
    public static func json(_ summary: SignInSummary, legacyOnly: Bool = false, emit: (String) -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var pending = "{\n  \"groups\" : [\n"
        var first = true
        for r in rows(summary, legacyOnly: legacyOnly) {
            pending += (first ? "    " : ",\n    ") + String(decoding: try encoder.encode(r), as: UTF8.self)
            first = false
            if pending.utf8.count > 1 << 16 {
                emit(pending)
                pending = ""
            }
        }
        pending += "\n  ],\n  \"rows\" : \(summary.rows),\n  \"schema\" : \"authshift.signins/1\"\n}\n"
        emit(pending)
    }
}
