import ArgumentParser

/// `authshift workspace`: the migration's memory. The root only lists the subcommands.
struct WorkspaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace",
        abstract:
            "Keep every run, each sender's progress and people's edits (with an audit trail) for one or several tenants in one "
            + "SQLite file.",
        discussion: """
            Create one with 'workspace init DIR', then store each assessment with 'assess EXPORTS --workspace DIR' \
            (or 'workspace import register.json'). Exit statuses: 0 success; 1 'status --fail-on' found what it looks for; \
            64 bad usage or an ambiguous sender; 65 bad input, not a workspace or a newer schema; 66 missing workspace or input.
            """,
        subcommands: [
            WorkspaceInitCommand.self, WorkspaceImportCommand.self, WorkspaceStatusCommand.self, WorkspaceHistoryCommand.self,
            WorkspaceShowCommand.self, WorkspaceDiffCommand.self, WorkspaceSetCommand.self, WorkspaceExportInventoryCommand.self,
            WorkspaceImportInventoryCommand.self, WorkspaceReportCommand.self, WorkspaceCheckCommand.self,
        ]
    )
}
