import AuthShiftCore

/// What changed between two registers (`authshift diff OLD NEW`).
///
/// An item `alerts` when it widens exposure: a new Basic sender, SMTP AUTH enabled for the
/// tenant or a mailbox where it was not, Basic newly allowed for a mailbox, security
/// defaults turned off, a legacy-blocking Conditional Access policy removed.
public struct DriftItem: Sendable, Codable, Equatable {
    public var kind: String
    public var subject: String
    public var before: String?
    public var after: String?
    public var alerts: Bool

    /// Every key is written, `null` when nil (NullWritingKey).
    enum CodingKeys: String, NullWritingKey { case kind, subject, before, after, alerts }
}

public enum RegisterDiff {
    public static func diff(_ old: Register, _ new: Register) -> [DriftItem] {
        var items: [DriftItem] = []
        func add(_ kind: String, _ subject: String, _ before: String?, _ after: String?, alert: Bool) {
            items.append(DriftItem(kind: kind, subject: subject, before: before, after: after, alerts: alert))
        }
        func key(_ s: SenderRow) -> String { s.sender + " (" + s.system + ")" }
        let oldSenders = Dictionary(old.senders.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let newSenders = Dictionary(new.senders.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let isBasic: (SenderRow) -> Bool = { $0.currentAuth == .basic || $0.currentAuth == .mixed }
        let oldBasicAddresses = Set(old.senders.filter(isBasic).map(\.sender))

        for (k, s) in newSenders.sorted(by: { $0.key < $1.key }) {
            guard let before = oldSenders[k] else {
                add(
                    isBasic(s) ? "new-basic-sender" : "new-sender", k, nil, s.currentAuth.rawValue,
                    alert: isBasic(s) && !oldBasicAddresses.contains(s.sender))
                continue
            }
            if before.currentAuth != s.currentAuth {
                add("auth-changed", k, before.currentAuth.rawValue, s.currentAuth.rawValue, alert: isBasic(s) && !isBasic(before))
            }
            if let r1 = before.ring, let r2 = s.ring, r1 != r2 { add("ring-moved", k, r1, r2, alert: false) }
            if before.recommendation.path != s.recommendation.path {
                add("recommendation-changed", k, before.recommendation.path.rawValue, s.recommendation.path.rawValue, alert: false)
            }
        }
        for k in oldSenders.keys.sorted() where newSenders[k] == nil {
            add("sender-gone", k, oldSenders[k]!.currentAuth.rawValue, nil, alert: false)
        }

        let t0 = old.tenant
        let t1 = new.tenant
        if t0.smtpClientAuthenticationDisabled != t1.smtpClientAuthenticationDisabled {
            add(
                "tenant-smtp-auth", "SmtpClientAuthenticationDisabled", t0.smtpClientAuthenticationDisabled?.display,
                t1.smtpClientAuthenticationDisabled?.display,
                alert: t0.smtpClientAuthenticationDisabled == .value(true) && t1.smtpClientAuthenticationDisabled != .value(true))
        }
        if t0.defaultAuthenticationPolicy != t1.defaultAuthenticationPolicy {
            add(
                "tenant-default-policy", "DefaultAuthenticationPolicy", t0.defaultAuthenticationPolicy, t1.defaultAuthenticationPolicy,
                alert: false)
        }
        if t0.securityDefaultsEnabled != t1.securityDefaultsEnabled {
            add(
                "tenant-security-defaults", "security defaults", t0.securityDefaultsEnabled.map(String.init),
                t1.securityDefaultsEnabled.map(String.init),
                alert: t0.securityDefaultsEnabled == true && t1.securityDefaultsEnabled != true)
        }
        for name in Set(t0.legacyBlockingConditionalAccessPolicies).subtracting(t1.legacyBlockingConditionalAccessPolicies).sorted() {
            add("conditional-access-removed", name, "blocks legacy authentication", nil, alert: true)
        }
        for name in Set(t1.legacyBlockingConditionalAccessPolicies).subtracting(t0.legacyBlockingConditionalAccessPolicies).sorted() {
            add("conditional-access-added", name, nil, "blocks legacy authentication", alert: false)
        }

        let oldMailboxes = Dictionary(old.mailboxes.map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        for m in new.mailboxes {
            guard let b = oldMailboxes[m.address] else { continue }
            if b.smtpAuth.enabled != m.smtpAuth.enabled || b.smtpAuth.decidedBy != m.smtpAuth.decidedBy {
                add(
                    "mailbox-smtp-auth", m.address, "\(YesNo.text(b.smtpAuth.enabled)) (\(b.smtpAuth.decidedBy.rawValue))",
                    "\(YesNo.text(m.smtpAuth.enabled)) (\(m.smtpAuth.decidedBy.rawValue))",
                    alert: m.smtpAuth.enabled == true && b.smtpAuth.enabled != true)
            }
            if b.basicAllowed != m.basicAllowed {
                add(
                    "mailbox-basic-allowed", m.address, YesNo.text(b.basicAllowed), YesNo.text(m.basicAllowed),
                    alert: m.basicAllowed == true && b.basicAllowed != true)
            }
        }

        let oldExceptions = Dictionary((old.exceptions ?? []).map { ($0.mailbox, $0) }, uniquingKeysWith: { a, _ in a })
        let newExceptions = Dictionary((new.exceptions ?? []).map { ($0.mailbox, $0) }, uniquingKeysWith: { a, _ in a })
        for (mailbox, e) in newExceptions.sorted(by: { $0.key < $1.key }) {
            if let b = oldExceptions[mailbox] {
                if b.status != e.status {
                    add(
                        e.status == .expired ? "exception-expired" : "exception-status", mailbox, b.status.rawValue, e.status.rawValue,
                        alert: false)
                }
                if b.expires != e.expires {
                    add("exception-extended", mailbox, b.expires?.description, e.expires?.description, alert: false)
                }
            } else {
                add("exception-added", mailbox, nil, "\(e.status), expires \(e.expires?.description ?? "?")", alert: false)
            }
        }
        for mailbox in oldExceptions.keys.sorted() where newExceptions[mailbox] == nil {
            add("exception-removed", mailbox, oldExceptions[mailbox]!.status.rawValue, nil, alert: false)
        }
        return items
    }

}
