import Foundation
import Testing

@testable import AuthShiftCore
@testable import Ingest

/// What the walk of an exports folder passes over is named in the result: linked folders and
/// links to nothing as skipped files, a folder that cannot be read as an error (its exports
/// would be missing from the assessment), hidden files as skipped.
@Suite struct ExportFolderWalkTests {
    @Test func linkedFoldersBrokenLinksAndHiddenFilesAreNamedAsSkipped() throws {
        let folder = TemporaryFolder()
        folder.write("exports/TransportConfig.json", #"{"SmtpClientAuthenticationDisabled": true}"#)
        folder.write("exports/.~lock.cas.csv#", "junk")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/elsewhere", withDestinationPath: folder.path + "/exports")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/gone.csv", withDestinationPath: folder.path + "/missing.csv")
        let result = try ExportFolderReader.read([folder.path])
        #expect(result.errors.isEmpty)
        #expect(result.snapshot.transportConfigs.count == 1, "the export is read once, not again through the link")
        let reasons = Dictionary(
            uniqueKeysWithValues: result.files.map { (($0.path as NSString).lastPathComponent, $0.unrecognizedReason) })
        #expect(reasons["elsewhere"] == "linked folder, not followed")
        #expect(reasons["gone.csv"] == "link to nothing, skipped")
        #expect(reasons[".~lock.cas.csv#"] == "hidden file, skipped")
        #expect(result.files.first { $0.path == folder.path + "/elsewhere" } != nil, "named by the path the user gave")
    }

    /// The walker finds folders it cannot open (FolderWalkerTests); here, what Ingest makes of one.
    @Test func aFolderThatCannotBeReadIsAnErrorNamingIt() {
        let entry = FolderWalker.PassedOver(path: "/x/exports/closed", relative: "closed", reason: .unreadableFolder("Permission denied"))
        let file = ExportFolderReader.inspected(passedOver: entry, display: "/x/exports/closed")
        #expect(file.error == IngestError(.missingInput, file: "/x/exports/closed", "folder cannot be read (Permission denied)"))
        #expect(file.unrecognizedReason == nil)
    }
}
