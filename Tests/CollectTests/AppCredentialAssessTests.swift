import Analysis
import AuthShiftCore
import Collect
import Foundation
import Ingest
import Testing

/// The pages `collect graph --app-credentials` writes (applications, service principals, users,
/// sign-ins) are read back by `assess`: recognised by kind, and the app credentials of the apps
/// that send mail listed with their expiry and the senders that use them.
@Suite struct AppCredentialAssessTests {
    /// A stand-in tenant answering each dataset's path; users come in two pages.
    static func tenant() -> GraphStandIn {
        GraphStandIn { request in
            if request.method == "POST" { return CollectFixtures.token(1) }
            let uri = request.uri
            if uri.contains("/v1.0/applications") { return .json(GraphAppFixtures.page("applications", GraphAppFixtures.applications)) }
            if uri.contains("/v1.0/servicePrincipals") {
                return .json(GraphAppFixtures.page("servicePrincipals", GraphAppFixtures.servicePrincipals))
            }
            if uri.contains("/v1.0/users") {
                return uri.contains("skiptoken=2")
                    ? .json(GraphAppFixtures.page("users", [GraphAppFixtures.users[1]]))
                    : .json(GraphAppFixtures.page("users", [GraphAppFixtures.users[0]], next: "\(request.base)/v1.0/users?$skiptoken=2"))
            }
            let signIn = CollectFixtures.signIn("Scanner@contoso.com", 20).replacingOccurrences(
                of: "\"appDisplayName\"", with: "\"appId\":\"\(GraphAppFixtures.scannerApp)\",\"appDisplayName\"")
            return .json(CollectFixtures.page([signIn], next: nil))
        }
    }

    @Test func pagesTheCollectorWritesAreAssessed() async throws {
        let server = Self.tenant()
        try await server.start()
        defer { Task { await server.stop() } }
        let folder = CollectFixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let standard = GraphDataset.standard(since: Date()).filter { ["Users", "SignIns-Interactive"].contains($0.name) }
        _ = try await CollectFixtures.collector(server, folder: folder).run(since: Date(), datasets: standard + GraphDataset.appCredentials)

        let read = try ExportFolderReader.read([folder])
        #expect(read.errors.isEmpty)
        let kinds = Dictionary(uniqueKeysWithValues: read.files.map { (($0.path as NSString).lastPathComponent, $0.kind) })
        #expect(kinds["Applications-page001.json"] == .applications)
        #expect(kinds["ServicePrincipals-page001.json"] == .servicePrincipals)
        #expect(kinds["Users-page001.json"] == .entraUsers)
        #expect(kinds["Users-page002.json"] == .entraUsers)
        #expect(kinds["SignIns-Interactive-page001.json"] == .signInJSON)
        #expect(
            read.snapshot.entraUsers.map(\.userPrincipalName).sorted() == [
                "guest_fabrikam.com#ext#@contoso.onmicrosoft.com", "scanner@contoso.com",
            ])
        #expect(read.snapshot.entraUsers.first { $0.userType == "Guest" }?.accountEnabled == false)

        let options = AssessOptions(asOf: CalendarDay(year: 2026, month: 11, day: 30))
        let credentials = try #require(Assessor.assess(read.snapshot, files: read.files, options: options).appCredentials)
        // The unrelated web app holds no watched permission and is not listed.
        #expect(credentials.map(\.appName) == ["Reporting job", "Scanner relay"])
        #expect(credentials.map(\.status) == [.expired, .expiring])
        #expect(credentials.map(\.daysLeft) == [-28, 10])
        #expect(credentials[0].certificateAdvised && !credentials[1].certificateAdvised)
        #expect(credentials[0].permissions == ["Exchange.ManageAsApp"])
        #expect(credentials[1].dependents == ["sender scanner@contoso.com"])
        #expect(credentials[0].advice.contains { $0.contains(AppCredentialPolicy.certificateSource) })
    }
}
