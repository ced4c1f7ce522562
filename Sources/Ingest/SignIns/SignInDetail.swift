/// How much of a sign-in log a summary keeps.
///
/// `signins summarize` shows every group: user, client app, IP address and outcome, for
/// every client app. An assessment needs that detail only for the legacy client apps
/// (Authenticated SMTP, Exchange Online PowerShell and the other Basic-capable protocols):
/// of the modern apps (browser, mobile and desktop clients) it asks only who signs in
/// successfully, and with which app, to tell a person's mailbox from a device's
/// (`ExceptionChecker.personMailboxes`, `AutomationFinder`). Modern sign-ins are most of a
/// tenant's log and come from many addresses, so folding them keeps an assessment's memory
/// near the size of the legacy traffic instead of the whole log (docs/benchmarks.md,
/// "Memory and output size at scale").
public enum SignInDetail: Sendable, Equatable {
    /// One group per user, client app, IP address and outcome, for every app.
    case everyGroup
    /// Legacy and unrecognised apps in full; a modern app's sign-ins folded to one group
    /// per user and app holding its successful sign-ins (no IP address, failures counted
    /// only in the file's row total).
    case legacyDetail
}
