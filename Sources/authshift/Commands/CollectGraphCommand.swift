import ArgumentParser
import AuthShiftCore
import Collect
import Foundation
import OAuth
import Transport

/// `authshift collect graph`: reads sign-ins, Conditional Access, security defaults, users and
/// the email apps usage report from Microsoft Graph with an app-only token, into a folder
/// `assess` reads.
struct CollectGraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Read the Microsoft Graph exports assess needs, app-only, into a folder (resumable).",
        discussion: """
            Reads, with GET requests only: sign-ins of Authenticated SMTP and Exchange Online PowerShell \
            (filtered on the server; interactive from v1.0, non-interactive from beta), Conditional Access \
            policies, the security defaults policy, users and the email apps usage report, and writes each \
            Graph page as it came (NAME-page001.json, ...), the files the PowerShell collector writes. \
            A checkpoint in the folder lets the same command resume after an interruption without \
            fetching or duplicating a page. Throttling (429, 503, 504) is retried after Retry-After or \
            with exponential back-off; the token is renewed before it expires.

            Application permissions (least privilege; grant them with admin consent):
            \(GraphDataset.permissions.map { "  \($0.permission): \($0.reason)" }.joined(separator: "\n"))

            Exchange Online settings (Get-CASMailbox, authentication policies, transport config) are not \
            in Graph: they still come from the PowerShell collector (authshift collect).

            Exit status: 0 done; 64 bad usage; 65 a malformed page or a paging loop; 66 an unreadable \
            certificate or key; 69 Graph or the token endpoint unreachable or refusing; 73 the folder \
            cannot be written; 75 throttling outlasted the retry budget (run again to resume); 77 a \
            permission is missing or the token was refused.
            """
    )

    @OptionGroup var credential: AppSignInOptions

    @Option(help: "Folder to write the pages and the checkpoint into.")
    var out: String

    @Option(help: "Days of sign-ins to read (1-30; Entra keeps 30 days). A resumed run keeps its first run's window.")
    var days = 30

    @Option(name: .customLong("graph-url"), help: "Microsoft Graph base URL (a national cloud, or a loopback test endpoint).")
    var graphURL = "https://graph.microsoft.com"

    @Option(help: "Read only these datasets (repeatable): \(GraphDataset.standard(since: Date()).map(\.name).joined(separator: ", ")).")
    var only: [String] = []

    @Flag(
        name: .customLong("app-credentials"),
        help:
            "Also read app registrations and service principals (Application.Read.All) and list the certificates and secrets of apps holding SMTP.SendAsApp, Mail.Send, Exchange.ManageAsApp or full_access_as_app."
    )
    var appCredentials = false

    @Option(name: .customLong("warn-days"), help: "With --app-credentials: flag credentials expiring within this many days.")
    var warnDays = AppCredentialInventory.defaultWarningDays

    func validate() throws {
        if !(1...30).contains(days) { throw ValidationError("--days must be 1 to 30.") }
        if !(0...365).contains(warnDays) { throw ValidationError("--warn-days must be 0 to 365.") }
        let known = GraphDataset.standard(since: Date()).map(\.name)
        if let unknown = only.first(where: { !known.contains($0) }) {
            throw ValidationError("--only \(unknown): expected one of \(known.joined(separator: ", ")).")
        }
    }

    func run() async throws {
        let request = try credential.tokenRequest(scope: CollectCommandSupport.scope(for: graphURL))
        let client = GraphClient(http: HTTPSPost(), tokens: TokenProvider(request: request, client: TokenClient()))
        let collector = GraphCollector(client: client, baseURL: graphURL, folder: out)
        do {
            let since = try collector.since(days: days)
            let datasets =
                GraphDataset.standard(since: since).filter { only.isEmpty || only.contains($0.name) }
                + (appCredentials ? GraphDataset.appCredentials : [])
            let outcomes = try await collector.run(since: since, datasets: datasets, progress: CollectTerminalProgress.make())
            for outcome in outcomes {
                let note = outcome.alreadyDone ? " (done in an earlier run)" : outcome.resumed ? " (resumed)" : ""
                StandardError.write("\(outcome.dataset): \(outcome.pages) page(s), \(outcome.items) row(s)\(note)\n")
            }
            if appCredentials { try reportCredentials() }
            StandardError.write(
                "Wrote \(out). Exchange Online settings still come from the PowerShell collector (authshift collect); then run: authshift assess \(out)\n"
            )
        } catch {
            throw CollectCommandSupport.exit(for: error)
        }
    }

    /// Lists the credentials of the apps that send mail or run Exchange automation, and what is
    /// wrong with them, on standard output.
    private func reportCredentials() throws(CollectError) {
        let credentials: [AppCredential]
        do {
            credentials = AppCredentialInventory.credentials(
                applications: try AppCredentialInventory.pages(in: out, prefix: "Applications"),
                servicePrincipals: try AppCredentialInventory.pages(in: out, prefix: "ServicePrincipals"))
        } catch {
            throw .output(path: error.file, reason: error.reason)
        }
        let formatter = ISO8601DateFormatter()
        for credential in credentials {
            let expiry = credential.expires.map { formatter.string(from: $0) } ?? "no expiry date"
            StandardOutput.write(
                "\(credential.appName)\t\(credential.appID)\t\(credential.kind.rawValue)\t\(credential.name)\texpires \(expiry)\t\(credential.permissions.joined(separator: ","))\n"
            )
        }
        for finding in AppCredentialInventory.findings(credentials, warningDays: warnDays) {
            StandardError.write("warning: \(finding.sentence)\n")
        }
    }
}

/// What the collect commands share: the token scope of a resource, and exit statuses.
enum CollectCommandSupport {
    /// `https://graph.microsoft.com/.default` for Graph; the resource's own `.default` elsewhere.
    static func scope(for baseURL: String) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/.default"
    }

    static func exit(for error: CollectError) -> ExitCode {
        StandardError.write("error: \(error)\n")
        switch error {
        case .malformedPage, .pagingLoop: return ExitCode(ExitStatus.dataError.rawValue)
        case .output: return ExitCode(ExitStatus.cannotCreate.rawValue)
        case .retriesExhausted: return ExitCode(75)
        case .permissionMissing, .unauthorized: return ExitCode(77)
        case .token, .httpStatus, .unreachable: return ExitCode(69)
        }
    }
}
