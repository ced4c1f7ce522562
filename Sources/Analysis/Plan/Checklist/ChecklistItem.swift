import AuthShiftCore
import Ingest

/// What a prevention checklist item decides from: the exports, the register built from them,
/// and the exception register's checks.
public struct ChecklistFacts: Sendable {
    public var snapshot: TenantSnapshot
    public var register: Register
    public var exceptionResults: [CheckResult]

    public init(snapshot: TenantSnapshot, register: Register, exceptionResults: [CheckResult]) {
        self.snapshot = snapshot
        self.register = register
        self.exceptionResults = exceptionResults
    }

    /// Facts for examples: no exports, an empty register, no exception checks; `change` adds what
    /// the example is about.
    public static func example(_ change: (inout ChecklistFacts) -> Void = { _ in }) -> ChecklistFacts {
        let tenant = TenantSettings(
            smtpClientAuthenticationDisabled: nil, defaultAuthenticationPolicy: nil, securityDefaultsEnabled: nil,
            legacyBlockingConditionalAccessPolicies: [], acceptedDomains: [])
        let register = Register(
            generatedBy: "example", asOf: CalendarDay(year: 2026, month: 11, day: 28), timeline: .current, assumption: "",
            tenant: tenant, inputs: [], senders: [], mailboxes: [], automation: [], unknowns: [])
        var facts = ChecklistFacts(snapshot: TenantSnapshot(), register: register, exceptionResults: [])
        change(&facts)
        return facts
    }
}

/// What one item found: its status, the message, and the evidence or what would decide it.
public struct ChecklistOutcome: Sendable, Equatable {
    public var status: CheckResult.Status
    public var message: String
    public var evidence: [String]
    public var decidedBy: String?

    public init(_ status: CheckResult.Status, _ message: String, evidence: [String] = [], decidedBy: String? = nil) {
        self.status = status
        self.message = message
        self.evidence = evidence
        self.decidedBy = decidedBy
    }
}

/// An example the test suite runs: these facts must give this status.
public struct ChecklistExample: Sendable {
    public let facts: ChecklistFacts
    public let status: CheckResult.Status

    public init(_ status: CheckResult.Status, _ facts: ChecklistFacts) {
        self.status = status
        self.facts = facts
    }
}

/// One item of the migration guide's prevention checklist, in its own file (one type per item,
/// as the advice rules are), with examples the test suite runs: each example's facts must give
/// its status. Listed in order in `PreventionChecklist.items`.
public protocol ChecklistItem: Sendable {
    /// The item's number in the guide's list (1 to 16); the check is named `checklist-NN`.
    static var number: Int { get }
    static var title: String { get }
    /// Baseline controls the item maps to (CISA SCuBA, CIS).
    static var controls: [String] { get }
    /// A tenant that fails a required item is not ready for cut-over; the others are advisory.
    static var required: Bool { get }
    static var examples: [ChecklistExample] { get }
    static func check(_ facts: ChecklistFacts) -> ChecklistOutcome
}

extension ChecklistItem {
    public static var controls: [String] { [] }

    public static func result(_ facts: ChecklistFacts) -> CheckResult {
        let outcome = check(facts)
        return CheckResult(
            check: String(format: "checklist-%02d", number), title: title, subject: "tenant", status: outcome.status,
            message: outcome.message, evidence: outcome.evidence, decidedBy: outcome.decidedBy, controls: controls,
            required: required, source: PreventionChecklist.source)
    }
}

/// An item that is a process, which no export shows: always `unknown`, with who can decide it.
public protocol ProcessChecklistItem: ChecklistItem {
    /// The record that decides it (a purchasing policy, a certificate inventory, ...).
    static var decidedBy: String { get }
}

extension ProcessChecklistItem {
    public static var required: Bool { false }
    public static var examples: [ChecklistExample] {
        [
            ChecklistExample(.unknown, .example()),
            ChecklistExample(.unknown, .example { $0.snapshot.filesByKind[.transportConfig] = ["t.json"] }),
        ]
    }
    public static func check(_ facts: ChecklistFacts) -> ChecklistOutcome {
        ChecklistOutcome(.unknown, "a process, not visible in the exports", decidedBy: decidedBy)
    }
}
