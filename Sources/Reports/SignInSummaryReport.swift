import AuthShiftCore
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
    }

    struct Document: Codable {
        let schema: String
        let rows: Int
        let groups: [Row]
    }

    static func rows(_ summary: SignInSummary, legacyOnly: Bool) -> [Row] {
        summary.sortedGroups.filter { !legacyOnly || $0.clientApp.isLegacy }.map {
            Row(user: $0.user, clientApp: $0.clientApp.name, clientAppCategory: $0.clientApp.category.rawValue,
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
            t.add([r.user, r.clientApp + (r.clientAppCategory == "legacy" ? " (legacy)" : ""), r.ipAddress, r.outcome, String(r.count),
                   r.firstSeen ?? "", r.lastSeen ?? "", reasons(r.failureReasons)])
        }
        return t.render()
    }

    public static func csv(_ summary: SignInSummary, legacyOnly: Bool = false) -> String {
        var w = CSVWriter(header: columns)
        for r in rows(summary, legacyOnly: legacyOnly) {
            w.row([r.user, r.clientApp, r.clientAppCategory == "legacy" ? "yes" : (r.clientAppCategory == "modern" ? "no" : "unknown"),
                   r.ipAddress, r.outcome, String(r.count), r.firstSeen ?? "", r.lastSeen ?? "", reasons(r.failureReasons)])
        }
        return w.text
    }

    public static func json(_ summary: SignInSummary, legacyOnly: Bool = false) throws -> String {
        try JSONOutput.encode(Document(schema: "authshift.signins/1", rows: summary.rows, groups: rows(summary, legacyOnly: legacyOnly)))
    }
}
