import Analysis
import AuthShiftCore
import Dashboard
import Reports
import Workspace

/// report.html and report.md made from a workspace: the latest run's register (every tenant's
/// latest runs merged when no tenant is named) with the progress across runs.
enum WorkspaceReports {
    static func progress(_ store: some WorkspaceStore, tenant: String?) throws -> MigrationProgress {
        try MigrationProgress.from(store, tenant: tenant)
    }

    /// The latest run's register of each tenant; several are merged into one (senders, mailboxes,
    /// automation and exceptions side by side; tenant settings only where they agree).
    static func latestRegister(_ store: some WorkspaceStore, tenant: String?) throws -> Register {
        let runs = try store.runs(tenant: tenant)
        var latest: [String: RunSummary] = [:]
        for run in runs where latest[run.tenant].map({ ($0.asOf, $0.id) < (run.asOf, run.id) }) ?? true { latest[run.tenant] = run }
        let registers = try latest.keys.sorted().map { try store.register(run: latest[$0]!.id) }
        guard var merged = registers.first else {
            throw WorkspaceError(
                .notFound, file: "workspace", field: "run", "no run stored yet; store one with 'authshift assess EXPORTS --workspace DIR'")
        }
        for other in registers.dropFirst() {
            merged.asOf = max(merged.asOf, other.asOf)
            merged.inputs += other.inputs
            merged.senders += other.senders
            merged.mailboxes = MailboxRows(Array(merged.mailboxes) + Array(other.mailboxes))
            merged.automation += other.automation
            merged.unknowns += other.unknowns
            if merged.exceptions != nil || other.exceptions != nil {
                merged.exceptions = (merged.exceptions ?? []) + (other.exceptions ?? [])
            }
            if merged.scripts != nil || other.scripts != nil { merged.scripts = (merged.scripts ?? []) + (other.scripts ?? []) }
            if merged.appCredentials != nil || other.appCredentials != nil {
                merged.appCredentials = (merged.appCredentials ?? []) + (other.appCredentials ?? [])
            }
            if merged.tenant != other.tenant {
                merged.tenant = TenantSettings(
                    smtpClientAuthenticationDisabled: nil, defaultAuthenticationPolicy: nil, securityDefaultsEnabled: nil,
                    legacyBlockingConditionalAccessPolicies: merged.tenant.legacyBlockingConditionalAccessPolicies
                        + other.tenant.legacyBlockingConditionalAccessPolicies,
                    acceptedDomains: merged.tenant.acceptedDomains + other.tenant.acceptedDomains)
            }
        }
        return merged
    }

    static func write(store: some WorkspaceStore, tenant: String?, out: String, force: Bool) throws {
        let register = try WorkspaceFailure.guarding { try latestRegister(store, tenant: tenant) }
        let progress = try WorkspaceFailure.guarding { try Self.progress(store, tenant: tenant) }
        do {
            let folder = try OutputFolder(path: out, force: force)
            try folder.write("report.md", MarkdownReport.render(register, progress: progress))
            try folder.write("report.html", HTMLReport.render(register, progress: progress))
        } catch let error as OutputError {
            StandardError.write("error: \(error.description)\n")
            throw ExitMapping.exit(.cannotCreate)
        }
    }
}
