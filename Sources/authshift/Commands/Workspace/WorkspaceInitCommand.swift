import ArgumentParser
import Workspace

/// `authshift workspace init DIR`.
struct WorkspaceInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace in DIR (one SQLite file, workspace.sqlite); an existing workspace is left as it is."
    )

    @Argument(help: "The folder to create the workspace in.")
    var folder: String

    func run() throws {
        let existed = (try? SQLiteWorkspaceStore(folder: folder)) != nil
        let store = try WorkspaceFailure.guarding { try SQLiteWorkspaceStore.create(folder: folder) }
        try? store.close()
        StandardOutput.write(
            existed
                ? "\(folder) is already a workspace; nothing changed.\n"
                : "Created the workspace \(store.layout.databasePath).\nStore a run with: authshift assess EXPORTS --workspace \(folder)\n")
    }
}
