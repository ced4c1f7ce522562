import Foundation
import Testing

@testable import AuthShiftCore

#if canImport(Glibc)
    import Glibc
#endif

/// The one folder walker Ingest and Scan share: hidden entries, skipped folder names, linked
/// folders (skipped or followed, a loop never trapping it), broken links and folders that
/// cannot be read, each reported rather than dropped.
@Suite struct FolderWalkerTests {
    /// A fresh folder under the system's temporary folder, removed when the test ends.
    final class Tree {
        let path: String

        init() {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("authshift-walker-\(UUID().uuidString)").path
            try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func file(_ relative: String) {
            let full = path + "/" + relative
            try! FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: full, contents: Data("x\n".utf8))
        }

        func link(_ relative: String, to target: String) {
            try! FileManager.default.createSymbolicLink(atPath: path + "/" + relative, withDestinationPath: target)
        }
    }

    static func relatives(_ listing: FolderWalker.Listing) -> [String] { listing.files.map(\.relative) }

    @Test func listsEveryFileSortedWithPathsUnderTheFolderGiven() {
        let tree = Tree()
        tree.file("b.ps1")
        tree.file("a/z.csv")
        tree.file("a/b/c.json")
        let listing = FolderWalker(hidden: .include, linkedFolders: .skip).list(tree.path + "/")
        #expect(Self.relatives(listing) == ["a/b/c.json", "a/z.csv", "b.ps1"])
        #expect(listing.files.allSatisfy { $0.path == tree.path + "/" + $0.relative })
        #expect(listing.passedOver.isEmpty)
    }

    @Test func hiddenEntriesAreAParameter() {
        let tree = Tree()
        tree.file(".DS_Store")
        tree.file(".config/settings.json")
        tree.file("run.ps1")
        let included = FolderWalker(hidden: .include, linkedFolders: .skip).list(tree.path)
        #expect(Self.relatives(included) == [".DS_Store", ".config/settings.json", "run.ps1"])
        let skipped = FolderWalker(hidden: .skip, linkedFolders: .skip).list(tree.path)
        #expect(Self.relatives(skipped) == ["run.ps1"])
    }

    @Test func skippedFolderNamesAreNotEntered() {
        let tree = Tree()
        tree.file("node_modules/lib/index.js")
        tree.file("src/node_modules.txt")
        let listing = FolderWalker(hidden: .include, linkedFolders: .skip, skippedFolderNames: ["node_modules"]).list(tree.path)
        #expect(Self.relatives(listing) == ["src/node_modules.txt"])
        #expect(listing.passedOver.isEmpty)
    }

    @Test func linkedFoldersAreReportedNotEnteredUnlessFollowed() {
        let tree = Tree()
        tree.file("real/a.ps1")
        tree.link("shortcut", to: tree.path + "/real")
        tree.link("file-link.ps1", to: tree.path + "/real/a.ps1")
        let skipping = FolderWalker(hidden: .include, linkedFolders: .skip).list(tree.path)
        #expect(Self.relatives(skipping) == ["file-link.ps1", "real/a.ps1"])
        #expect(skipping.passedOver.map(\.relative) == ["shortcut"])
        #expect(skipping.passedOver.first?.reason == .linkedFolder)
        #expect(skipping.passedOver.first?.message(display: "shortcut") == "shortcut: linked folder, not followed")
    }

    @Test(.timeLimit(.minutes(1))) func aLinkLoopEndsWhenLinksAreFollowed() {
        let tree = Tree()
        tree.file("top/a.ps1")
        tree.file("top/inner/b.ps1")
        tree.link("top/inner/up", to: "..")  // top/inner/up -> top: a loop
        tree.link("top/self", to: ".")  // top/self -> top
        tree.file("other/c.ps1")
        tree.link("top/inner/other", to: tree.path + "/other")
        let listing = FolderWalker(hidden: .include, linkedFolders: .follow).list(tree.path)
        // Each file once, under whichever path the walk reached it first (readdir's order).
        #expect(Set(listing.files.map { ($0.path as NSString).lastPathComponent }) == ["a.ps1", "b.ps1", "c.ps1"])
        #expect(listing.files.count == 3)
        #expect(listing.passedOver.allSatisfy { $0.reason == .alreadyListed })
        #expect(Set(listing.passedOver.map(\.relative)).isSuperset(of: ["top/inner/up", "top/self"]))
    }

    @Test func brokenLinksAreReported() {
        let tree = Tree()
        tree.file("kept.ps1")
        tree.link("gone.ps1", to: tree.path + "/missing.ps1")
        let listing = FolderWalker(hidden: .include, linkedFolders: .follow).list(tree.path)
        #expect(Self.relatives(listing) == ["kept.ps1"])
        #expect(listing.passedOver == [.init(path: tree.path + "/gone.ps1", relative: "gone.ps1", reason: .brokenLink)])
    }

    @Test func aMissingFolderIsReportedAsUnreadable() {
        let listing = FolderWalker(hidden: .include, linkedFolders: .skip).list("/nonexistent/authshift-walker")
        #expect(listing.files.isEmpty)
        #expect(listing.passedOver.count == 1)
        #expect(listing.passedOver.first?.relative == "")
        #expect(listing.passedOver.first?.reason == .unreadableFolder(String(cString: strerror(ENOENT))))
    }

    /// A folder opendir(3) refuses even to root: its path is longer than PATH_MAX (4096 bytes
    /// on Linux), as deep trees copied from Windows shares can be.
    @Test func aFolderThatCannotBeOpenedIsReportedAndTheRestListed() throws {
        let tree = Tree()
        tree.file("shallow.ps1")
        let name = String(repeating: "d", count: 250)
        var folders: [Int32] = [open(tree.path, O_RDONLY | O_DIRECTORY)]
        defer {
            // Remove the deep chain from the bottom up, through the open descriptors.
            for level in stride(from: folders.count - 1, to: 0, by: -1) {
                close(folders[level])
                unlinkat(folders[level - 1], name, AT_REMOVEDIR)
            }
            close(folders[0])
        }
        for _ in 0..<18 {
            try #require(mkdirat(folders.last!, name, 0o755) == 0)
            folders.append(openat(folders.last!, name, O_RDONLY | O_DIRECTORY))
            try #require(folders.last! >= 0)
        }
        let listing = FolderWalker(hidden: .include, linkedFolders: .skip).list(tree.path)
        #expect(Self.relatives(listing) == ["shallow.ps1"])
        #expect(listing.passedOver.count == 1)
        #expect(listing.passedOver.first?.reason == .unreadableFolder(String(cString: strerror(ENAMETOOLONG))))
        #expect(listing.passedOver.first?.message(display: "deep").hasPrefix("deep: folder cannot be read (") == true)
    }

    /// Without read permission (root reads any folder, so this check needs another user).
    @Test(.enabled(if: geteuid() != 0)) func aFolderWithoutPermissionIsReported() throws {
        let tree = Tree()
        tree.file("closed/secret.ps1")
        chmod(tree.path + "/closed", 0)
        defer { chmod(tree.path + "/closed", 0o755) }
        let listing = FolderWalker(hidden: .include, linkedFolders: .skip).list(tree.path)
        #expect(listing.files.isEmpty)
        #expect(listing.passedOver.map(\.reason) == [.unreadableFolder(String(cString: strerror(EACCES)))])
    }
}
