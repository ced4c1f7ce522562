import Analysis

/// `diff`'s text output: one line per change, alerts marked, or "No drift.".
public enum DriftText {
    public static func render(_ items: [DriftItem]) -> String {
        guard !items.isEmpty else { return "No drift.\n" }
        return items.map { (($0.alerts ? "ALERT " : "      ") + "\($0.kind): \($0.subject): \($0.before ?? "-") -> \($0.after ?? "-")\n") }
            .joined()
    }
}
