import ArgumentParser
import Foundation
import Workspace

/// Where the workspace is, which tenant, and the output format: shared by the `workspace` subcommands.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: "The workspace folder (made by 'authshift workspace init').")
    var workspace: String = "."

    @Option(name: .long, help: "Only this tenant (its initial domain, e.g. contoso.onmicrosoft.com, or the name given to assess --tenant).")
    var tenant: String?

    /// Opens the workspace, printing its error and exiting with its status when it cannot.
    func open() throws -> SQLiteWorkspaceStore {
        try WorkspaceFailure.guarding { try SQLiteWorkspaceStore(folder: workspace) }
    }
}

/// Output formats of the `workspace` subcommands.
enum WorkspaceFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

/// Maps workspace errors to their documented exit statuses.
enum WorkspaceFailure {
    static func guarding<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as WorkspaceError {
            StandardError.write("error: \(error.description)\n")
            throw ExitMapping.exit(error.exitStatus)
        }
    }

    /// The person an edit is recorded under: `--by`, else the operating system's user name.
    static func author(_ by: String?) -> String {
        if let by, !by.trimmingCharacters(in: .whitespaces).isEmpty { return by }
        let user = NSUserName()
        return user.isEmpty ? "unknown" : user
    }
}
