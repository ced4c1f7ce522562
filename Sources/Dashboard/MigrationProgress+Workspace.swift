import AuthShiftCore
import Reports
import Workspace

extension MigrationProgress {
    /// The progress across a workspace's runs (burn-down points, states, regressions), for the
    /// reports `workspace report` writes and for the dashboard's overview alike.
    public static func from(_ store: some WorkspaceStore, tenant: String?) throws -> MigrationProgress {
        let status = try store.status(tenant: tenant)
        let runs = try store.runs(tenant: tenant)
        let tenants = status.tenants.map { t in
            let own = runs.filter { $0.tenant == t.tenant }
            return MigrationProgress.Tenant(
                name: t.tenant, defaultChangeDate: t.defaultChangeDate ?? Timeline.current.defaultChangeDate,
                points: own.map { .init(asOf: $0.asOf, basicSenders: $0.basicSenders, breakingSenders: $0.breakingSenders) },
                states: LifecycleState.allCases.map { ($0.rawValue, t.byState[$0.rawValue] ?? 0) })
        }
        let regressions = status.regressions.map {
            MigrationProgress.Regression(tenant: $0.tenant, sender: $0.sender, system: $0.system, since: $0.stateSince)
        }
        return MigrationProgress(tenants: tenants, regressions: regressions)
    }
}
