import Foundation
import Testing

@testable import Scan

/// What scan's walk of a tree passes over reaches the user as a warning (`Result.skipped`), and
/// what it lists is what the scan reads: hidden scripts yes, linked folders and `.git` no.
@Suite struct TreeWalkTests {
    static func tree() -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("authshift-scanwalk-\(UUID().uuidString)").path
        let fm = FileManager.default
        try! fm.createDirectory(atPath: root + "/scripts/.hidden", withIntermediateDirectories: true)
        try! fm.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true)
        let script = "$c = Get-Credential\nSend-MailMessage -SmtpServer smtp.office365.com -UseSsl -Credential $c -To a@b.c -From a@b.c\n"
        _ = fm.createFile(atPath: root + "/scripts/send.ps1", contents: Data(script.utf8))
        _ = fm.createFile(atPath: root + "/scripts/.hidden/profile.ps1", contents: Data(script.utf8))
        _ = fm.createFile(atPath: root + "/.git/hook.ps1", contents: Data(script.utf8))
        try! fm.createSymbolicLink(atPath: root + "/linked", withDestinationPath: root + "/scripts")
        try! fm.createSymbolicLink(atPath: root + "/loop", withDestinationPath: root)
        try! fm.createSymbolicLink(atPath: root + "/gone.ps1", withDestinationPath: root + "/missing.ps1")
        return root
    }

    @Test func hiddenScriptsAreScannedLinkedFoldersAndBrokenLinksReported() throws {
        let root = Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try TreeScanner.scan([root], threads: 2)
        #expect(Set(result.findings.map(\.file)) == ["scripts/send.ps1", "scripts/.hidden/profile.ps1"])
        #expect(result.filesScanned == 2)
        #expect(
            result.skipped.sorted() == [
                "gone.ps1: link to nothing, skipped", "linked: linked folder, not followed", "loop: linked folder, not followed",
            ])
    }

    @Test func aMissingRootIsAnError() {
        #expect(throws: ScanError.self) { _ = try TreeScanner.scan(["/nonexistent/authshift-scan-root"]) }
    }
}
