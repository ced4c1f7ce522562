import ArgumentParser
import ChangeScripts
import Foundation

/// `authshift collect`: writes the read-only collector script; its subcommands read Graph and
/// Log Analytics directly.
struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Write a read-only PowerShell script that exports everything authshift assess reads.",
        discussion:
            "The script runs only Get- cmdlets and Microsoft Graph GET requests. Review it, run it, then run authshift assess on its output folder. "
            + "`collect graph` reads the Graph exports directly with an app-only token instead.",
        subcommands: [CollectGraphCommand.self, CollectKQLCommand.self, CollectLogAnalyticsCommand.self]
    )

    @Option(name: .shortAndLong, help: "Where to write the script (default: standard output).")
    var output: String?

    @Flag(help: "Replace --output if it exists.")
    var force = false

    @Option(help: "Folder the script writes the exports into.")
    var exportsFolder = "authshift-exports"

    @Option(help: "App-only sign-in: the app (client) ID. Needs --certificate-thumbprint, --organization and --tenant-id.")
    var appId: String?

    @Option(help: "App-only sign-in: the certificate thumbprint in the Windows certificate store.")
    var certificateThumbprint: String?

    @Option(help: "App-only sign-in: the tenant's primary .onmicrosoft.com domain.")
    var organization: String?

    @Option(help: "App-only sign-in: the tenant ID.")
    var tenantId: String?

    @Option(help: "Days of sign-in logs to export (Entra keeps 30 days for P1/P2).")
    var signInDays = 30

    @Option(help: "Days of message trace to export (at most 10 per query).")
    var messageTraceDays = 10

    func validate() throws {
        let appOnly = [appId, certificateThumbprint, organization, tenantId]
        if appOnly.contains(where: { $0 != nil }) && appOnly.contains(where: { $0 == nil }) {
            throw ValidationError("App-only sign-in needs all of --app-id, --certificate-thumbprint, --organization and --tenant-id.")
        }
        if !(1...30).contains(signInDays) { throw ValidationError("--sign-in-days must be 1 to 30.") }
        if !(1...10).contains(messageTraceDays) { throw ValidationError("--message-trace-days must be 1 to 10.") }
    }

    func run() throws {
        let signIn: CollectorScript.SignIn
        if let appId, let certificateThumbprint, let organization, let tenantId {
            signIn = .certificate(appId: appId, thumbprint: certificateThumbprint, organization: organization, tenantId: tenantId)
        } else {
            signIn = .interactive
        }
        let script = CollectorScript(
            signIn: signIn, outputFolder: exportsFolder, signInDays: signInDays,
            messageTraceDays: messageTraceDays, generatedBy: "authshift \(AuthShiftVersion.current) collect")
        guard let output else {
            StandardOutput.write(script.render())
            return
        }
        try OutputFile.write(Data(script.render().utf8), to: output, force: force)
        StandardError.write("Wrote \(output). It needs:\n")
        for r in CollectorScript.requirements { StandardError.write("  - \(r)\n") }
    }
}
