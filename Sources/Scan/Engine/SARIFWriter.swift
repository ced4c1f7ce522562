import Foundation

/// SARIF 2.1.0 for GitHub code scanning: rules with help text and a security severity,
/// results with a region and `partialFingerprints.primaryLocationLineHash`.
public enum SARIFWriter {
    public static func render(_ result: TreeScanner.Result, version: String) throws -> String {
        var ruleList: [(id: String, title: String, help: String)] = []
        for r in BuiltInScanRules.all.map({ ($0.id, $0.title, $0.help) }) + BuiltInScanRules.fileRules.map({ ($0.id, $0.title, $0.help) })
        where !ruleList.contains(where: { $0.id == r.0 }) {
            ruleList.append((r.0, r.1, r.2))
        }
        let index = Dictionary(uniqueKeysWithValues: ruleList.enumerated().map { ($1.id, $0) })
        let rules: [[String: Any]] = ruleList.map { r in
            [
                "id": r.id, "name": r.id.replacingOccurrences(of: "-", with: ""), "shortDescription": ["text": r.title],
                "fullDescription": ["text": r.help], "help": ["text": r.help, "markdown": "**\(r.title)**\n\n\(r.help)"],
                "defaultConfiguration": ["level": "error"], "properties": ["tags": ["security"], "security-severity": "7.5"],
            ]
        }
        var seen: [String: Int] = [:]
        let results: [[String: Any]] = result.findings.map { f in
            let key = "\(f.rule)|\(f.file)|\(f.message)"
            seen[key, default: 0] += 1
            return [
                "ruleId": f.rule, "ruleIndex": index[f.rule] ?? 0, "level": level(f.severity),
                "message": ["text": "\(f.message). Replace with: \(f.replacement)"],
                "locations": [
                    [
                        "physicalLocation": [
                            "artifactLocation": ["uri": f.file, "uriBaseId": "%SRCROOT%"],
                            "region": ["startLine": f.line, "startColumn": f.column, "endLine": max(f.endLine, f.line)],
                        ]
                    ]
                ],
                "partialFingerprints": ["primaryLocationLineHash": fingerprint(key) + ":\(seen[key]!)"],
                "properties": ["severity": f.severity.rawValue, "replacement": f.replacement],
            ]
        }
        let doc: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                [
                    "tool": ["driver": ["name": "authshift", "version": version, "rules": rules]],
                    "results": results, "columnKind": "utf16CodeUnits",
                ]
            ],
        ]
        let data = try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low: return "note"
        }
    }

    /// A stable 64-bit FNV-1a hash in hex: the same finding keeps its fingerprint between runs.
    static func fingerprint(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return String(h, radix: 16)
    }
}
