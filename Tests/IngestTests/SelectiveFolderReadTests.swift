import Foundation
import Testing
@testable import Ingest

/// `ExportFolderReader.read(_:accepting:)`: the read loop `signins` uses, in the library.
@Suite struct SelectiveFolderReadTests {
    static let contoso = #filePath.components(separatedBy: "/Tests/")[0] + "/Examples/contoso"
    static let signInLogs: @Sendable (ExportKind) -> Bool = { $0.isSignInLog }

    @Test func aFolderUsesTheAcceptedKindsAndListsTheRestAsSkipped() throws {
        var kinds: [ExportKind] = []
        let selection = try ExportFolderReader.read([Self.contoso], accepting: Self.signInLogs, noun: "a sign-in log") { file, snapshot in
            kinds.append(try #require(file.kind))
            #expect(snapshot.signIns.rows > 0)
        }
        #expect(selection.errors.isEmpty)
        #expect(selection.used == kinds.count && kinds.count >= 5 && kinds.allSatisfy(\.isSignInLog))
        #expect(selection.skipped.contains { $0.file.hasSuffix("README.md") && $0.why == "documentation" })
        #expect(selection.skipped.contains { $0.file.hasSuffix("CASMailbox.csv") && $0.why.hasSuffix("export") })
        let listed = try ExportFolderReader.listFiles([Self.contoso]).count
        #expect(selection.used + selection.skipped.count == listed)
    }

    @Test func aFileNamedOnItsOwnMustBeAccepted() throws {
        var used = 0
        let selection = try ExportFolderReader.read([Self.contoso + "/CASMailbox.csv"], accepting: Self.signInLogs, noun: "a sign-in log") { _, _ in
            used += 1
        }
        #expect(used == 0 && selection.skipped.isEmpty)
        #expect(selection.errors.map(\.kind) == [.unrecognized])
        #expect(selection.errors.first?.message.hasPrefix("not a sign-in log (") == true)
    }

    @Test func aMissingPathIsMissingInput() {
        #expect(throws: IngestError.self) {
            _ = try ExportFolderReader.read([Self.contoso + "/nothing-here"], accepting: Self.signInLogs, noun: "a sign-in log") { _, _ in }
        }
    }
}
