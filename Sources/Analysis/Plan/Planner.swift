import AuthShiftCore
import Ingest

/// What `authshift plan` works out: ring status with blockers, the exception checks and
/// the prevention checklist (`plan.json`, schema `authshift.plan/1`).
public struct PlanDocument: Sendable, Codable, Equatable {
    public var schema = "authshift.plan/1"
    public var asOf: CalendarDay
    public var defaultChangeDate: CalendarDay
    public var rings: [RingStatus]
    public var exceptionChecks: [CheckResult]
    public var checklist: [CheckResult]
    public var scripts: [String]
}

public enum Planner {
    public static func plan(snapshot: TenantSnapshot, register: Register, warnDays: Int, scripts: [String] = []) -> PlanDocument {
        let checker = ExceptionChecker(snapshot: snapshot, register: register, asOf: register.asOf, warnDays: warnDays)
        let exceptionChecks = checker.run()
        let valid = Set(snapshot.exceptions.filter(checker.isValid).map(\.mailbox))
        return PlanDocument(
            asOf: register.asOf, defaultChangeDate: register.defaultChangeDate,
            rings: RingPlanner.evaluate(register, validExceptions: valid), exceptionChecks: exceptionChecks,
            checklist: PreventionChecklist(snapshot: snapshot, register: register, exceptionResults: exceptionChecks).run(),
            scripts: scripts)
    }
}
