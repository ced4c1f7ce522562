import AuthShiftCore
import Foundation
import Reports
import Workspace

/// `assess --workspace DIR`: stores the run, then reads back the progress for the reports.
enum WorkspaceRun {
    static func store(_ register: Register, folder: String, tenant: String?) throws -> (message: String, progress: MigrationProgress) {
        try WorkspaceFailure.guarding {
            let store = try SQLiteWorkspaceStore(folder: folder)
            let outcome = try store.importRun(register, tenant: tenant, origin: "assess", at: Timestamp(Date()))
            let progress = try WorkspaceReports.progress(store, tenant: outcome.run.tenant)
            return (WorkspaceText.outcome(outcome, source: "workspace \(folder)"), progress)
        }
    }
}
