import AuthShiftCore

/// One stored run: the register of one assessment of one tenant, and its headline numbers
/// (one line of `workspace history`, one point of the burn-down chart).
public struct RunSummary: Sendable, Codable, Equatable {
    public var id: Int64
    public var tenant: String
    /// `assess` (stored by `assess --workspace`) or `import` (`workspace import register.json`).
    public var origin: String
    public var importedAt: Timestamp
    public var asOf: CalendarDay
    public var defaultChangeDate: CalendarDay
    public var generatedBy: String
    public var senders: Int
    public var mailboxes: Int
    /// Senders using Basic SMTP AUTH (successful or failing) in this run.
    public var basicSenders: Int
    /// Senders that authenticate with Basic successfully and break at the default change.
    public var breakingSenders: Int
    /// Senders whose Basic attempts already fail.
    public var failingSenders: Int
    public var exceptions: Int
    /// Breaking senders per cutover ring (`unassigned` for rows without a ring).
    public var blockersByRing: [String: Int]
    public var inputs: [InputFile]
}

/// What storing a register did.
public enum ImportOutcome: Sendable, Equatable {
    /// A new run was stored; `transitions` are the automatic state changes it caused.
    case stored(run: RunSummary, transitions: [AuditEntry])
    /// The same inputs (same SHA-256 digests) were stored before as this run: nothing was added.
    case alreadyStored(run: RunSummary)

    public var run: RunSummary {
        switch self {
        case .stored(let run, _), .alreadyStored(let run): return run
        }
    }
}
