/// Where a sender (one address on one system) is in its move off Basic SMTP AUTH.
///
/// People set the manual states; evidence from later runs sets `verified` (a cut-over
/// sender shows no Basic for the verification period) and `regressed` (a verified or
/// retired sender shows Basic again), see `LifecycleRules`.
public enum LifecycleState: String, Sendable, Codable, CaseIterable, Comparable {
    case discovered
    case ownerAssigned = "owner-assigned"
    case pathChosen = "path-chosen"
    case tested
    case cutOver = "cut-over"
    case verified
    case retired
    /// Kept on Basic under an exception (linked to its row of the exception register).
    case exception
    /// Verified or retired, then seen with Basic again: the workspace's most important alert.
    case regressed

    /// States people may set with `workspace set --state`; `verified` and `regressed` come from evidence only.
    public var isManual: Bool { self != .verified && self != .regressed }

    public static func < (a: LifecycleState, b: LifecycleState) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
