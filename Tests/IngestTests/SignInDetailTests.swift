import AuthShiftCore
import Foundation
import Testing

@testable import Ingest

/// An assessment folds modern sign-ins (`SignInDetail.legacyDetail`): the legacy groups it
/// builds senders and automation from must be exactly those of the full summary, and the
/// modern ones must still say who signs in successfully with which app.
@Suite struct SignInDetailTests {
    static func rows() -> [[String: String]] {
        var rows: [[String: String]] = []
        for i in 0..<3000 {
            let user = "user\(i % 37)@contoso.com"
            let app = ["Authenticated SMTP", "Browser", "Exchange Online PowerShell", "Mobile Apps and Desktop clients", "IMAP4"][i % 5]
            rows.append(
                SignInTests.row(
                    String(format: "2026-11-%02dT%02d:00:00Z", 1 + i % 27, i % 24), user, app, "198.51.100.\(i % 11)",
                    ok: i % 4 != 0, code: "50126", reason: "Invalid username or password"))
        }
        return rows
    }

    static func tuning(_ detail: SignInDetail, threads: Int) -> ExportFileReader.Tuning {
        .init(threads: threads, minimumSplitBytes: threads > 1 ? 0 : 1 << 40, signInDetail: detail)
    }

    /// The same file read with every group and folded.
    static func readBoth(threads: Int) -> (full: (InspectedFile, TenantSnapshot), folded: (InspectedFile, TenantSnapshot)) {
        let folder = TemporaryFolder()
        let path = folder.write("signins.csv", SignInTests.portalFile(Headers.portal57Names, rows: rows()))
        return (
            readFile(path, tuning: tuning(.everyGroup, threads: threads)), readFile(path, tuning: tuning(.legacyDetail, threads: threads))
        )
    }

    @Test(arguments: [1, 3])
    func legacyGroupsAreKeptWhole(threads: Int) {
        let ((fullFile, full), (foldedFile, folded)) = Self.readBoth(threads: threads)
        #expect(foldedFile.error == nil)
        // The file's facts do not change: every row is counted and the covered period is the same.
        #expect(foldedFile.rows == fullFile.rows)
        #expect(folded.signIns.rows == full.signIns.rows)
        #expect(foldedFile.firstTime == fullFile.firstTime && foldedFile.lastTime == fullFile.lastTime)
        // Legacy groups (SMTP, PowerShell, IMAP) are identical, with their failure reasons.
        let legacy = { (s: SignInSummary) in s.sortedGroups.filter { $0.clientApp.category != .modern } }
        #expect(legacy(folded.signIns) == legacy(full.signIns))
        #expect(legacy(full.signIns).contains { !$0.failureReasons.isEmpty })
    }

    @Test(arguments: [1, 3])
    func modernSignInsFoldToSuccessesPerUserAndApp(threads: Int) {
        let ((_, full), (_, folded)) = Self.readBoth(threads: threads)
        let modernFull = full.signIns.sortedGroups.filter { $0.clientApp.category == .modern }
        let modernFolded = folded.signIns.sortedGroups.filter { $0.clientApp.category == .modern }
        #expect(modernFull.count > modernFolded.count)
        // One success group per user and app, no address, no failures.
        #expect(modernFolded.allSatisfy { $0.outcome == .success && $0.ipAddress.isEmpty && $0.failureReasons.isEmpty })
        var expected: [String: Int] = [:]
        for g in modernFull where g.outcome == .success { expected["\(g.user) \(g.clientApp.name)", default: 0] += g.count }
        var seen: [String: Int] = [:]
        for g in modernFolded { seen["\(g.user) \(g.clientApp.name)", default: 0] += g.count }
        #expect(seen == expected)
        #expect(Set(modernFolded.map { "\($0.user) \($0.clientApp.name)" }).count == modernFolded.count)
    }

    @Test func unrecognisedAppsAreNotFolded() {
        let folder = TemporaryFolder()
        let rows = [
            SignInTests.row("2026-11-05T08:05:00Z", "person@contoso.com", "Universal Outlook", "198.51.100.8", ok: false, code: "50126")
        ]
        let path = folder.write("signins.csv", SignInTests.portalFile(Headers.portal57Names, rows: rows))
        let (_, folded) = readFile(path, tuning: Self.tuning(.legacyDetail, threads: 1))
        #expect(folded.signIns.sortedGroups.map(\.ipAddress) == ["198.51.100.8"])
        #expect(folded.signIns.sortedGroups.map(\.outcome) == [.failure])
    }
}
