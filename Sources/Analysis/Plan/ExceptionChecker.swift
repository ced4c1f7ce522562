import AuthShiftCore
import Ingest

/// Validates the Basic SMTP exception register (`exceptions.csv`) against the tenant.
///
/// Source: migration guide, "Rollback or Temporary Exception Process" and "Authentication
/// Policy Checks": every exception names the mailbox, the device or app, the source
/// location, the business owner, the expiry date and the replacement path; exceptions are
/// small, named, monitored and time-limited; "confirm the mailbox is not an interactive
/// user mailbox where a dedicated sender is more appropriate".
public struct ExceptionChecker {
    public static let source =
        "Exchange Online SMTP AUTH Basic Authentication 2026 Migration Planning, 'Rollback or Temporary Exception Process'"

    public let snapshot: TenantSnapshot
    public let register: Register
    public let asOf: CalendarDay
    public let warnDays: Int

    public init(snapshot: TenantSnapshot, register: Register, asOf: CalendarDay, warnDays: Int = 14) {
        self.snapshot = snapshot
        self.register = register
        self.asOf = asOf
        self.warnDays = warnDays
    }

    public func status(_ e: ExceptionEntry) -> ExceptionStatus {
        if !missingFields(e).isEmpty { return .incomplete }
        guard let expires = e.expires else { return .incomplete }
        if expires < asOf { return .expired }
        if asOf.days(until: expires) <= warnDays { return .expiring }
        return .valid
    }

    /// Exceptions that hold today (complete and not expired; expiring soon still holds).
    public func isValid(_ e: ExceptionEntry) -> Bool { status(e).holds }

    public var records: [ExceptionRecord] {
        snapshot.exceptions.map {
            ExceptionRecord(
                mailbox: $0.mailbox, system: $0.system, owner: $0.owner, expires: $0.expires, replacement: $0.replacement,
                ticket: $0.ticket, status: status($0))
        }
    }

    func missingFields(_ e: ExceptionEntry) -> [String] {
        var missing: [String] = []
        if (e.system ?? "").isEmpty { missing.append("system") }
        if (e.source ?? "").isEmpty { missing.append("source") }
        if (e.owner ?? "").isEmpty { missing.append("owner") }
        if e.expires == nil { missing.append("expires") }
        if (e.replacement ?? "").isEmpty { missing.append("replacement") }
        if (e.ticket ?? "").isEmpty { missing.append("ticket") }
        return missing
    }

    public func run() -> [CheckResult] {
        var results: [CheckResult] = []
        let usesSMTP = Set(
            register.senders.filter { ($0.messages ?? 0) > 0 || $0.signIns.successes + $0.signIns.failures > 0 }.map(\.sender))
        let people = personMailboxes()
        for e in snapshot.exceptions {
            let at = "\(e.location)"
            let missing = missingFields(e)
            results.append(
                result(
                    "exception-missing-field", "Every field is filled in", e.mailbox,
                    missing.isEmpty ? .pass : .fail,
                    missing.isEmpty ? "all seven fields are filled in" : "missing " + missing.joined(separator: ", "), [at]))
            if let expires = e.expires {
                let days = asOf.days(until: expires)
                results.append(
                    result(
                        "exception-expired", "Not expired", e.mailbox, days < 0 ? .fail : .pass,
                        days < 0 ? "expired on \(expires) (\(-days) days ago)" : "expires \(expires)", [at]))
                results.append(
                    result(
                        "exception-expiring", "Not expiring within \(warnDays) days", e.mailbox,
                        days >= 0 && days <= warnDays ? .fail : .pass,
                        days >= 0 && days <= warnDays
                            ? "expires on \(expires), in \(days) days: renew with a reason or finish the migration"
                            : "more than \(warnDays) days left or already expired", [at]))
            }
            if register.inputs.contains(where: {
                $0.kind == ExportKind.smtpAuthClientsReport.rawValue || ExportKind(rawValue: $0.kind)?.isSignInLog == true
            }) {
                let seen = usesSMTP.contains(e.mailbox)
                results.append(
                    result(
                        "exception-unused", "The mailbox uses SMTP AUTH", e.mailbox, seen ? .pass : .fail,
                        seen
                            ? "seen in the SMTP AUTH clients report or Authenticated SMTP sign-ins"
                            : "never seen using SMTP AUTH in the exports: the exception may be unnecessary", [at]))
            } else {
                results.append(
                    CheckResult(
                        check: "exception-unused", title: "The mailbox uses SMTP AUTH", subject: e.mailbox, status: .unknown,
                        message: "no SMTP AUTH clients report or sign-in log was given", evidence: [at],
                        decidedBy: ExportKind.smtpAuthClientsReport.title, source: Self.source))
            }
            if let why = people[e.mailbox] {
                results.append(
                    result(
                        "exception-person-mailbox", "A dedicated sender, not a person's mailbox", e.mailbox, .fail,
                        "a person's mailbox: \(why); use a dedicated sender mailbox", [at]))
            } else {
                results.append(
                    result(
                        "exception-person-mailbox", "A dedicated sender, not a person's mailbox", e.mailbox, .pass,
                        "no sign of interactive use", [at]))
            }
        }
        results += shadowExceptions()
        return results
    }

    func result(_ check: String, _ title: String, _ subject: String, _ status: CheckResult.Status, _ message: String, _ evidence: [String])
        -> CheckResult
    {
        CheckResult(check: check, title: title, subject: subject, status: status, message: message, evidence: evidence, source: Self.source)
    }

    /// Mailboxes that people sign in to with modern clients (Browser, Outlook): a person's
    /// mailbox, which the guide says should not carry a Basic exception.
    func personMailboxes() -> [String: String] {
        // Per user, the modern app with the most successful sign-ins (ties by name), so the
        // evidence is the same on every run whatever order the groups come in.
        struct UserApp: Hashable { let user: String, app: String }
        var counts: [UserApp: Int] = [:]
        for (key, stats) in snapshot.signIns.groups where key.clientApp.category == .modern && key.outcome == .success {
            counts[UserApp(user: key.user, app: key.clientApp.name), default: 0] += stats.count
        }
        var busiest: [String: (app: String, count: Int)] = [:]
        for (pair, count) in counts {
            if let best = busiest[pair.user], best.count > count || (best.count == count && best.app < pair.app) { continue }
            busiest[pair.user] = (pair.app, count)
        }
        return busiest.mapValues { "\($0.count) successful \($0.app) sign-in(s)" }
    }

    /// Mailboxes where Basic SMTP is opened (SmtpClientAuthenticationDisabled False, or a
    /// policy allowing Basic SMTP) without an exception row.
    func shadowExceptions() -> [CheckResult] {
        let covered = Set(snapshot.exceptions.map(\.mailbox))
        let allowingPolicies = Set(
            snapshot.authenticationPolicies.filter { $0.allowBasicAuthSmtp == .value(true) }.map { $0.name.lowercased() })
        var results: [CheckResult] = []
        for m in register.mailboxes where !covered.contains(m.address) {
            var opened: [String] = []
            if m.smtpAuth.decidedBy == .mailbox && m.smtpAuth.enabled == true { opened.append(m.smtpAuth.evidence) }
            if let policy = m.policy, allowingPolicies.contains(policy.lowercased()) {
                opened.append("authentication policy '\(policy)' allows Basic SMTP (\(m.policySource))")
            }
            if !opened.isEmpty {
                results.append(
                    result(
                        "exception-shadow", "Every opening has an exception row", m.address, .fail,
                        "Basic SMTP is opened for this mailbox without an exception row", opened))
            }
        }
        if results.isEmpty {
            results.append(
                result(
                    "exception-shadow", "Every opening has an exception row", "tenant", .pass,
                    "every mailbox with SMTP AUTH enabled explicitly or a policy allowing Basic SMTP has an exception row", []))
        }
        return results
    }
}
