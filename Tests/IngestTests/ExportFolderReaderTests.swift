import Testing

@testable import Ingest

@Suite struct ExportFolderReaderTests {
    @Test func mixedFolderWithBrokenFilesNamesEachAndKeepsTheRest() throws {
        let folder = TemporaryFolder()
        folder.write("good/TransportConfig.json", #"{"SmtpClientAuthenticationDisabled": true}"#)
        folder.write("good/cas.csv", "PrimarySmtpAddress,SmtpClientAuthenticationDisabled\na@contoso.com,False\n")
        folder.write(
            "broken.csv",
            "PrimarySmtpAddress,SmtpClientAuthenticationDisabled\na@contoso.com,False\nb@contoso.com,\"True\nc@contoso.com,False\n")
        folder.write("truncated.json", "[{\"PrimarySmtpAddress\": \"x@contoso.com\", \"SmtpClientAuthenticationDisabled\": tr")
        folder.write("notes.txt", "Remember to export the connectors.\n")
        folder.write(".DS_Store", "junk")
        let result = try ExportFolderReader.read([folder.path])
        #expect(result.errors.count == 2)
        let broken = result.errors.first { $0.file.hasSuffix("broken.csv") }
        #expect(broken?.line == 3)
        #expect(broken?.field == "SmtpClientAuthenticationDisabled")
        #expect(result.errors.contains { $0.file.hasSuffix("truncated.json") && $0.line == 1 })
        // Nothing from a broken file reaches the snapshot, not even its good first row.
        #expect(result.snapshot.casMailboxes.map(\.address) == ["a@contoso.com"])
        #expect(result.snapshot.transportConfigs.count == 1)
        #expect(result.files.first { $0.path.hasSuffix("notes.txt") }?.unrecognizedReason?.contains("match no export") == true)
        #expect(result.files.first { $0.path.hasSuffix(".DS_Store") }?.unrecognizedReason == "hidden file, skipped")
        #expect(result.snapshot.has(.transportConfig) && result.snapshot.has(.casMailbox))
        #expect(!result.snapshot.has(.authenticationPolicy))
    }

    @Test func missingPathIsMissingInput() {
        let error = #expect(throws: IngestError.self) { _ = try ExportFolderReader.read(["/nonexistent/exports"]) }
        #expect(error?.kind == .missingInput)
    }

    @Test func sampleTenantReadsCleanly() throws {
        let root = #filePath.components(separatedBy: "/Tests/")[0] + "/Examples/contoso"
        let result = try ExportFolderReader.read([root])
        #expect(result.errors.isEmpty)
        let kinds = Set(result.files.compactMap(\.kind))
        // The sign-in summary (issue 16) is exercised by SignInSummaryInputTests: a summary of the
        // sample's own sign-ins beside them would count every sign-in twice. The Graph app
        // registrations, service principals and users (issue 16) are exercised by
        // GraphAppRegistrationTests and, as collect graph writes them, by AppCredentialAssessTests.
        #expect(
            kinds == Set(ExportKind.allCases).subtracting([.signInSummary, .applications, .servicePrincipals, .entraUsers]),
            "the sample tenant exercises every reader")
        #expect(result.files.filter { $0.kind == nil }.allSatisfy { $0.path.hasSuffix("README.md") })
        #expect(result.snapshot.signIns.rows > 2000)
        #expect(result.snapshot.casMailboxes.contains { $0.smtpClientAuthenticationDisabled == .null })
    }
}
