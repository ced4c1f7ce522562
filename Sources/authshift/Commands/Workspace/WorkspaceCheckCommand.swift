import ArgumentParser
import Workspace

/// `authshift workspace check`: SQLite's integrity check and the workspace's own.
struct WorkspaceCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run SQLite's integrity and foreign-key checks on the workspace; exit 1 when either finds a problem."
    )

    @OptionGroup var options: WorkspaceOptions

    func run() throws {
        let store = try options.open()
        let problems = try WorkspaceFailure.guarding { try store.check() }
        if problems.isEmpty {
            StandardOutput.write("\(store.layout.databasePath): ok (integrity check and foreign keys)\n")
            return
        }
        for p in problems { StandardOutput.write("\(store.layout.databasePath): \(p)\n") }
        throw ExitMapping.exit(.checkFailed)
    }
}
