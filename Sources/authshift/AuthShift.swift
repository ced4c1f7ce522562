import ArgumentParser

/// The root command only lists the subcommands; each lives in Commands/.
@main
struct AuthShift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authshift",
        abstract:
            "Move a Microsoft 365 tenant off SMTP AUTH Basic Authentication and stored-credential Exchange Online PowerShell, offline, from its exports.",
        discussion: """
            Exit statuses: 0 success; 1 a check found something to act on; 64 bad usage; \
            65 an input file is malformed; 66 an input path is missing or unreadable; 73 an output cannot be written; \
            probe has one status per stage (20-29, see authshift probe --help).
            """,
        version: AuthShiftVersion.versionAndCommit,
        subcommands: [
            AssessCommand.self, PlanCommand.self, ScanCommand.self, ExceptionsCommand.self, CheckCommand.self, DiffCommand.self,
            ExplainCommand.self, ExplainMailboxCommand.self,
            InspectCommand.self, SignInsCommand.self, CollectCommand.self, ProbeCommand.self, BridgeCommand.self,
            RulesCommand.self, WorkspaceCommand.self, ServeCommand.self,
        ]
    )
}
