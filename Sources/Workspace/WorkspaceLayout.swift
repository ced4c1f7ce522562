import Foundation

/// Where a workspace keeps its files: one folder holding `workspace.sqlite` (and, during
/// upgrades, copies of it taken before each schema upgrade).
public struct WorkspaceLayout: Sendable, Equatable {
    public static let databaseName = "workspace.sqlite"

    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    public var databasePath: String { (folder as NSString).appendingPathComponent(WorkspaceLayout.databaseName) }

    /// The copy taken before upgrading from the schema whose last migration is `identifier`.
    public func backupPath(before identifier: String) -> String {
        (folder as NSString).appendingPathComponent("workspace.before-\(identifier).sqlite")
    }
}
