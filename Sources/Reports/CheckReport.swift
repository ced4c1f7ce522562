import AuthShiftCore
import Foundation

/// Writes check results (exceptions check, the prevention checklist) as text, JSON or
/// JUnit XML, so scheduled monitoring and CI systems can read them.
public enum CheckReport {
    public static func text(_ results: [CheckResult], title: String) -> String {
        var s = "\(title)\n"
        let failed = results.filter { $0.status == .fail }
        let unknown = results.filter { $0.status == .unknown }
        s += "  \(results.count - failed.count - unknown.count) passed, \(failed.count) failed, \(unknown.count) unknown\n\n"
        for r in results.sorted(by: { ($0.status, $0.check, $0.subject) < ($1.status, $1.check, $1.subject) }) {
            let mark = r.status == .fail ? "FAIL" : (r.status == .unknown ? "????" : "pass")
            s += "\(mark)  \(r.check)  \(r.subject): \(r.title): \(r.message)"
            if !r.controls.isEmpty { s += " [\(r.controls.joined(separator: ", "))]" }
            if r.status == .fail && !r.required { s += " (advisory)" }
            s += "\n"
            if r.status != .pass {
                for e in r.evidence { s += "        evidence: \(e)\n" }
                if let d = r.decidedBy { s += "        decided by: \(d)\n" }
            }
        }
        return s
    }

    struct Document: Codable {
        let schema: String
        let passed: Int
        let failed: Int
        let unknown: Int
        let results: [CheckResult]
    }

    public static func json(_ results: [CheckResult], schema: String) throws -> String {
        try JSONOutput.encode(
            Document(
                schema: schema, passed: results.filter { $0.status == .pass }.count,
                failed: results.filter { $0.status == .fail }.count,
                unknown: results.filter { $0.status == .unknown }.count, results: results))
    }

    /// JUnit XML: one test suite per check, one test case per subject; unknown is skipped.
    public static func junit(_ results: [CheckResult], name: String) -> String {
        var byCheck: [String: [CheckResult]] = [:]
        for r in results { byCheck[r.check, default: []].append(r) }
        let failures = results.filter { $0.status == .fail }.count
        let skipped = results.filter { $0.status == .unknown }.count
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        s += "<testsuites name=\"\(XML.escape(name))\" tests=\"\(results.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\">\n"
        for check in byCheck.keys.sorted() {
            let rs = byCheck[check]!
            s +=
                "  <testsuite name=\"\(XML.escape(check))\" tests=\"\(rs.count)\" failures=\"\(rs.filter { $0.status == .fail }.count)\" skipped=\"\(rs.filter { $0.status == .unknown }.count)\">\n"
            for r in rs {
                s += "    <testcase classname=\"\(XML.escape(check))\" name=\"\(XML.escape(r.subject + ": " + r.title))\">"
                switch r.status {
                case .pass: s += "</testcase>\n"
                case .fail:
                    s +=
                        "\n      <failure message=\"\(XML.escape(r.message))\" type=\"\(r.required ? "required" : "advisory")\">\(XML.escape((r.evidence + [r.source]).joined(separator: "\n")))</failure>\n    </testcase>\n"
                case .unknown:
                    s +=
                        "\n      <skipped message=\"\(XML.escape(r.message + (r.decidedBy.map { "; decided by " + $0 } ?? "")))\"/>\n    </testcase>\n"
                }
            }
            s += "  </testsuite>\n"
        }
        return s + "</testsuites>\n"
    }
}
