import AuthShiftCore

/// The order in which a change script applies SMTP AUTH settings, so that no sender with a
/// valid exception is closed, not for a moment and not when the script stops half-way.
///
/// A mailbox whose own `SmtpClientAuthenticationDisabled` is blank inherits the
/// organization's value (Set-CASMailbox, SmtpClientAuthenticationDisabled; "Enable or
/// disable SMTP AUTH in Exchange Online"). So closing the organization first would close
/// every exception mailbox that still inherits until its own line runs, and a script that
/// stops at the first error (`$ErrorActionPreference = 'Stop'`) would leave the rest
/// closed. The migration guide writes the two commands as a pattern, not as a sequence.
/// Every change script and every rollback therefore runs in three steps:
///
/// 1. **Open**: each mailbox that must stay able to send is set to `False` explicitly and
///    read back; a value that did not take stops the script before anything closes.
/// 2. **Organization**: only then does the organization setting change.
/// 3. **The rest**: mailboxes that return to inherit (`$null`) or close (`True`), now that
///    the organization value they inherit is the final one.
///
/// Before step 1 the script checks that every identity it will touch exists and stops,
/// changing nothing, with the list of missing ones.
struct ChangeOrder: Sendable {
    /// Mailboxes set to `False` and verified, before anything else.
    var open: [String] = []
    /// The organization's new value; nil leaves it alone.
    var organization: Bool?
    /// Mailboxes set to `True` or `$null`, after the organization.
    var rest: [(identity: String, value: Bool?)] = []
    /// Mailboxes whose target is unknown (a previous value the register did not see): not touched.
    var unknown: [String] = []

    init(organization: Bool?, mailboxes: [(identity: String, value: ExportedBool)]) {
        self.organization = organization
        for (identity, value) in mailboxes {
            switch value {
            case .missingColumn: unknown.append(identity)
            case .value(false): open.append(identity)
            case .value(true): rest.append((identity, true))
            case .null: rest.append((identity, nil))
            }
        }
    }

    /// Every mailbox the script changes, in the order it changes them.
    var identities: [String] { open + rest.map(\.identity) }
}
