/// The outcome of one check on one subject, shared by `exceptions check` and `check`, and
/// written as text, JSON and JUnit XML.
public struct CheckResult: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, Comparable {
        case fail, unknown, pass
        public static func < (a: Status, b: Status) -> Bool {
            [Status.fail, .unknown, .pass].firstIndex(of: a)! < [Status.fail, .unknown, .pass].firstIndex(of: b)!
        }
    }

    /// Stable ID of the check (e.g. `exception-expired`, `checklist-01`).
    public var check: String
    public var title: String
    /// What was checked (a mailbox, the tenant).
    public var subject: String
    public var status: Status
    public var message: String
    public var evidence: [String]
    /// For `unknown`: the export or action that would decide it.
    public var decidedBy: String?
    /// Baseline controls this corresponds to (MS.EXO.5.1v1, CIS 6.5.4, ...).
    public var controls: [String]
    /// Whether a failure makes the command exit 1.
    public var required: Bool
    public var source: String

    /// Every key is written, `null` when nil (docs/schemas/register.schema.json).
    enum CodingKeys: String, NullWritingKey {
        case check, title, subject, status, message, evidence, decidedBy, controls, required, source
    }

    public init(
        check: String, title: String, subject: String, status: Status, message: String, evidence: [String] = [],
        decidedBy: String? = nil, controls: [String] = [], required: Bool = true, source: String
    ) {
        self.check = check
        self.title = title
        self.subject = subject
        self.status = status
        self.message = message
        self.evidence = evidence
        self.decidedBy = decidedBy
        self.controls = controls
        self.required = required
        self.source = source
    }
}
