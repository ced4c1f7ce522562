import Testing

@testable import Ingest

/// `signins summarize` on a folder recognises the other exports without reading their rows.
@Suite struct WantedKindsTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0] + "/Examples/contoso/"

    @Test(arguments: ["CASMailbox.csv", "MessageTrace.csv", "TransportConfig.json"])
    func anUnwantedKindIsRecognisedButNotRead(name: String) {
        let all = ExportFileReader.read(path: Self.root + name, displayPath: name)
        let skipped = ExportFileReader.read(path: Self.root + name, displayPath: name, wanted: { $0.isSignInLog })
        #expect(all.file.rows > 0)
        #expect(skipped.file.kind == all.file.kind && skipped.file.kind != nil)
        #expect(skipped.file.rows == 0 && skipped.file.error == nil)
    }

    @Test func aWantedKindIsReadInFull() {
        let name = "SignIns-export.jsonl"
        let all = ExportFileReader.read(path: Self.root + name, displayPath: name)
        let wanted = ExportFileReader.read(path: Self.root + name, displayPath: name, wanted: { $0.isSignInLog })
        #expect(wanted.file.rows == all.file.rows && wanted.file.rows > 0)
    }
}
