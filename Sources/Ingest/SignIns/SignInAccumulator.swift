import AuthShiftCore

/// The sign-in summary's hot path: groups keyed by interned ids, built from raw field
/// bytes; `summary()` turns them into a `SignInSummary` with strings.
final class SignInAccumulator {
    struct Key: Hashable {
        var user: Int32
        var app: Int32
        var ip: Int32
        var outcome: UInt8
    }

    struct Group {
        var count = 0
        var first = Int64.max
        var last = Int64.min
        var reasons: [Int32: Int] = [:]
    }

    let users = ByteInterner(normalize: { $0.lowercased() })
    let apps = ByteInterner()
    let ips = ByteInterner()
    let reasons = ByteInterner()
    private var appClasses: [ClientApp] = []
    private var groups: [Key: Group] = [:]
    private(set) var rows = 0
    private(set) var earliest: Timestamp?
    private(set) var latest: Timestamp?

    static let outcomes: [SignInEvent.Outcome] = [.success, .failure, .interrupted, .unknown]

    func add(user: UnsafeBufferPointer<UInt8>, app: UnsafeBufferPointer<UInt8>, ip: UnsafeBufferPointer<UInt8>,
             outcome: SignInEvent.Outcome, time: Timestamp?, reason: Int32?) {
        rows += 1
        let key = Key(user: users.intern(user), app: apps.intern(app), ip: ips.intern(ip),
                      outcome: UInt8(SignInAccumulator.outcomes.firstIndex(of: outcome)!))
        let ms = time?.millisecondsSince1970
        if let time {
            if earliest == nil || time < earliest! { earliest = time }
            if latest == nil || time > latest! { latest = time }
        }
        groups[key, default: Group()].absorb(ms: ms, reason: reason)
    }

    func add(_ event: SignInEvent) {
        var user = event.user, app = event.clientApp.name, ip = event.ipAddress
        let reason: Int32?
        if event.outcome != .success, event.errorCode != nil || event.failureReason != nil {
            reason = reasons.intern(SignInAccumulator.reasonText(code: event.errorCode.map(String.init), reason: event.failureReason))
        } else {
            reason = nil
        }
        user.withUTF8 { u in app.withUTF8 { a in ip.withUTF8 { i in
            add(user: u, app: a, ip: i, outcome: event.outcome, time: event.time, reason: reason)
        } } }
    }

    static func reasonText(code: String?, reason: String?) -> String {
        let code = (code?.isEmpty ?? true) ? "?" : code!
        guard let reason, !reason.isEmpty else { return code }
        return "\(code): \(reason)"
    }

    func summary() -> SignInSummary {
        var summary = SignInSummary()
        var classes: [Int32: ClientApp] = [:]
        for (key, group) in groups {
            let app = classes[key.app] ?? ClientApp(exported: apps.strings[Int(key.app)])
            classes[key.app] = app
            var reasonCounts: [String: Int] = [:]
            for (id, n) in group.reasons { reasonCounts[reasons.strings[Int(id)], default: 0] += n }
            summary.insert(SignInSummary.Group(
                user: users.strings[Int(key.user)], clientApp: app, ipAddress: ips.strings[Int(key.ip)],
                outcome: SignInAccumulator.outcomes[Int(key.outcome)], count: group.count,
                firstSeen: group.first == .max ? nil : Timestamp(millisecondsSince1970: group.first),
                lastSeen: group.last == .min ? nil : Timestamp(millisecondsSince1970: group.last),
                failureReasons: reasonCounts))
        }
        return summary
    }
}

extension SignInAccumulator.Group {
    @inline(__always)
    mutating func absorb(ms: Int64?, reason: Int32?) {
        count += 1
        if let ms {
            if ms < first { first = ms }
            if ms > last { last = ms }
        }
        if let reason { reasons[reason, default: 0] += 1 }
    }
}
