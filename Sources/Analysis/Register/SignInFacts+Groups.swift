import AuthShiftCore
import Ingest

extension SignInFacts {
    /// Adds one sign-in summary group: its count as successes or failures, its time range
    /// and its failure reasons.
    mutating func absorb(_ g: SignInSummary.Group) {
        if g.outcome == .success { successes += g.count } else { failures += g.count }
        firstSeen = [firstSeen, g.firstSeen].compactMap { $0 }.min()
        lastSeen = [lastSeen, g.lastSeen].compactMap { $0 }.max()
        failureReasons.merge(g.failureReasons, uniquingKeysWith: +)
    }
}
