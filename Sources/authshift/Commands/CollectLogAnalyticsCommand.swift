import ArgumentParser
import Collect
import Foundation
import OAuth
import Transport

/// `authshift collect log-analytics`: runs the sign-in summary query through the Log Analytics
/// query API with an app-only token and writes SignInSummary.json for `assess`.
struct CollectLogAnalyticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log-analytics",
        abstract: "Run the sign-in summary query through the Log Analytics query API into a folder.",
        discussion: """
            The app needs the Log Analytics Reader role on the workspace (Azure RBAC); the token is \
            asked for https://api.loganalytics.io/.default. The answer is checked (the summary's columns, \
            no partial result, under the 500,000-row limit) and written whole as SignInSummary.json; \
            run authshift assess on the folder.

            Exit status: 0 done; 64 bad usage; 65 a partial or malformed answer; 66 an unreadable \
            certificate or key; 69 unreachable or refused; 73 the folder cannot be written; 75 \
            throttling outlasted the retry budget; 77 access refused.
            """
    )

    @OptionGroup var credential: AppSignInOptions

    @Option(name: .customLong("workspace-id"), help: "The Log Analytics workspace ID (a GUID).")
    var workspaceID: String

    @Option(help: "Folder to write SignInSummary.json into.")
    var out: String

    @Option(help: "Days of sign-ins to summarise (1-730).")
    var days = 30

    @Option(help: "Query API endpoint (a national cloud, or a loopback test endpoint).")
    var endpoint = LogAnalyticsCollector.defaultEndpoint

    func validate() throws {
        if !(1...730).contains(days) { throw ValidationError("--days must be 1 to 730.") }
        if UUID(uuidString: workspaceID) == nil { throw ValidationError("--workspace-id: expected a GUID, got '\(workspaceID)'.") }
    }

    func run() async throws {
        let request = try credential.tokenRequest(scope: CollectCommandSupport.scope(for: endpoint))
        let client = GraphClient(http: HTTPSPost(timeout: .minutes(11)), tokens: TokenProvider(request: request, client: TokenClient()))
        do {
            let result = try await LogAnalyticsCollector(client: client, endpoint: endpoint, folder: out)
                .run(workspaceID: workspaceID, query: SignInSummaryQuery(days: days), progress: CollectTerminalProgress.make())
            StandardError.write("Wrote \(result.path) (\(result.rows) summary rows). Run: authshift assess \(out)\n")
        } catch {
            throw CollectCommandSupport.exit(for: error)
        }
    }
}
