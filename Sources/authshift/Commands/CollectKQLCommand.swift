import ArgumentParser
import Collect

/// `authshift collect kql`: prints the sign-in summary query for Log Analytics, Microsoft
/// Sentinel or Azure Data Explorer; its result (CSV export or query API JSON) is an input of `assess`.
struct CollectKQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kql",
        abstract: "Print the KQL that summarises legacy SMTP and Exchange Online PowerShell sign-ins in Log Analytics.",
        discussion: """
            Run it in the workspace that receives SigninLogs and AADNonInteractiveUserSignInLogs \
            (Logs, or Microsoft Sentinel), export the result to CSV, and give the file to assess: it \
            reads the summary as a "sign-in summary" with counts, and gives the same register as the raw \
            rows. One row stands for a user, application, client app, IP address, result code and day; \
            the query API returns at most 500,000 rows and about 100 MiB (docs/collect.md). \
            authshift collect log-analytics runs the same query through the query API.
            """
    )

    @Option(help: "Days of sign-ins to summarise (1-730).")
    var days = 30

    func validate() throws {
        if !(1...730).contains(days) { throw ValidationError("--days must be 1 to 730.") }
    }

    func run() throws {
        StandardOutput.write(SignInSummaryQuery(days: days).text)
    }
}
