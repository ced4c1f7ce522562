import AuthShiftCore

/// The sign-in summary's hot path: groups keyed by interned ids, built from raw field
/// bytes; `summary()` turns them into a `SignInSummary` with strings.
///
/// Per-group state is three integers in flat arrays; failure reasons are counted in one
/// shared table keyed by (group, reason), so a group costs no allocation of its own.
final class SignInAccumulator {
    struct Key: Hashable {
        var user: Int32
        var app: Int32
        var ip: Int32
        var outcome: UInt8
    }

    /// How much of the modern (non-legacy) sign-ins to keep; see `SignInDetail`.
    let detail: SignInDetail
    let users = ByteInterner(normalize: { $0.lowercased() })
    let apps = ByteInterner()
    let ips = ByteInterner()
    let reasons = ByteInterner()
    private var slots: [Key: Int32] = [:]
    private var keys: [Key] = []
    private var counts: [Int] = []
    private var firsts: [Int64] = []
    private var lasts: [Int64] = []
    /// (slot << 32 | reason id) → occurrences.
    private var reasonCounts: [UInt64: Int] = [:]
    private(set) var rows = 0
    private(set) var earliest: Timestamp?
    private(set) var latest: Timestamp?

    static let outcomes: [SignInEvent.Outcome] = [.success, .failure, .interrupted, .unknown]
    /// The IP address id of a folded group (`SignInDetail.legacyDetail`): no address is kept.
    static let noAddress: Int32 = -1
    /// Per app id: is it a modern client app whose groups are folded? Filled as apps are first seen.
    private var foldsApp: [Bool] = []

    init(detail: SignInDetail = .everyGroup) {
        self.detail = detail
    }

    /// Whether sign-ins of app `id` are folded to one success count per user and app.
    @inline(__always)
    private func folds(app id: Int32) -> Bool {
        guard detail == .legacyDetail else { return false }
        let i = Int(id)
        while foldsApp.count <= i {
            foldsApp.append(ClientApp(exported: apps.strings[foldsApp.count]).category == .modern)
        }
        return foldsApp[i]
    }

    private func slot(for key: Key) -> Int {
        if let s = slots[key] { return Int(s) }
        let s = keys.count
        slots[key] = Int32(s)
        keys.append(key)
        counts.append(0)
        firsts.append(.max)
        lasts.append(.min)
        return s
    }

    /// Widens the period the rows cover (every row counts, folded or not).
    @inline(__always)
    private func saw(_ time: Timestamp) {
        if earliest.map({ time < $0 }) ?? true { earliest = time }
        if latest.map({ time > $0 }) ?? true { latest = time }
    }

    private func record(slot s: Int, count: Int, first: Int64, last: Int64) {
        counts[s] += count
        if first < firsts[s] { firsts[s] = first }
        if last > lasts[s] { lasts[s] = last }
    }

    func add(
        user: UnsafeBufferPointer<UInt8>, app: UnsafeBufferPointer<UInt8>, ip: UnsafeBufferPointer<UInt8>,
        outcome: SignInEvent.Outcome, time: Timestamp?, reason: Int32?
    ) {
        rows += 1
        if let time { saw(time) }
        let appId = apps.intern(app)
        let folded = folds(app: appId)
        // A folded app keeps only who signed in successfully with it (see SignInDetail).
        if folded && outcome != .success { return }
        let key = Key(
            user: users.intern(user), app: appId, ip: folded ? SignInAccumulator.noAddress : ips.intern(ip),
            outcome: UInt8(SignInAccumulator.outcomes.firstIndex(of: outcome)!))
        let s = slot(for: key)
        if let time {
            record(slot: s, count: 1, first: time.millisecondsSince1970, last: time.millisecondsSince1970)
        } else {
            counts[s] += 1
        }
        if let reason { reasonCounts[UInt64(s) << 32 | UInt64(UInt32(bitPattern: reason)), default: 0] += 1 }
    }

    func add(_ event: SignInEvent) {
        var user = event.user
        var app = event.clientApp.name
        var ip = event.ipAddress
        let reason: Int32?
        if event.outcome != .success, event.errorCode != nil || event.failureReason != nil {
            reason = reasons.intern(SignInAccumulator.reasonText(code: event.errorCode.map(String.init), reason: event.failureReason))
        } else {
            reason = nil
        }
        user.withUTF8 { u in
            app.withUTF8 { a in
                ip.withUTF8 { i in
                    add(user: u, app: a, ip: i, outcome: event.outcome, time: event.time, reason: reason)
                }
            }
        }
    }

    /// Adds a group counted elsewhere (a row of a sign-in summary): `count` sign-ins between
    /// `first` and `last`, all with `reason` when they failed, exactly as `count` raw rows would.
    func addGroup(
        user: String, app: String, ip: String, outcome: SignInEvent.Outcome, count: Int,
        first: Timestamp?, last: Timestamp?, errorCode: Int?, failureReason: String?
    ) {
        let appId = apps.intern(app)
        let folded = folds(app: appId)
        rows += count
        if let first { saw(first) }
        if let last { saw(last) }
        // A folded app keeps only who signed in successfully with it (see SignInDetail).
        if folded && outcome != .success { return }
        let key = Key(
            user: users.intern(user), app: appId, ip: folded ? SignInAccumulator.noAddress : ips.intern(ip),
            outcome: UInt8(SignInAccumulator.outcomes.firstIndex(of: outcome)!))
        let s = slot(for: key)
        record(
            slot: s, count: count, first: (first ?? last)?.millisecondsSince1970 ?? .max,
            last: (last ?? first)?.millisecondsSince1970 ?? .min)
        if outcome != .success, errorCode != nil || failureReason != nil {
            let reason = reasons.intern(SignInAccumulator.reasonText(code: errorCode.map(String.init), reason: failureReason))
            reasonCounts[UInt64(s) << 32 | UInt64(UInt32(bitPattern: reason)), default: 0] += count
        }
    }

    static func reasonText(code: String?, reason: String?) -> String {
        let code = (code?.isEmpty ?? true) ? "?" : code!
        guard let reason, !reason.isEmpty else { return code }
        return "\(code): \(reason)"
    }

    /// Adds another accumulator's groups (a part of the same file read on another thread).
    func absorb(_ other: SignInAccumulator) {
        rows += other.rows
        if let e = other.earliest { saw(e) }
        if let l = other.latest { saw(l) }
        var userMap: [Int32: Int32] = [:]
        var appMap: [Int32: Int32] = [:]
        var ipMap: [Int32: Int32] = [:]
        var reasonMap: [Int32: Int32] = [:]
        func map(_ id: Int32, _ cache: inout [Int32: Int32], _ from: ByteInterner, _ to: ByteInterner) -> Int32 {
            if id == SignInAccumulator.noAddress { return id }
            if let known = cache[id] { return known }
            let mapped = to.intern(from.strings[Int(id)])
            cache[id] = mapped
            return mapped
        }
        var slotMap = [Int](repeating: 0, count: other.keys.count)
        for (i, key) in other.keys.enumerated() {
            let mine = Key(
                user: map(key.user, &userMap, other.users, users), app: map(key.app, &appMap, other.apps, apps),
                ip: map(key.ip, &ipMap, other.ips, ips), outcome: key.outcome)
            let s = slot(for: mine)
            slotMap[i] = s
            record(slot: s, count: other.counts[i], first: other.firsts[i], last: other.lasts[i])
        }
        for (packed, n) in other.reasonCounts {
            let s = slotMap[Int(packed >> 32)]
            let reason = map(Int32(bitPattern: UInt32(truncatingIfNeeded: packed)), &reasonMap, other.reasons, reasons)
            reasonCounts[UInt64(s) << 32 | UInt64(UInt32(bitPattern: reason)), default: 0] += n
        }
    }

    func summary() -> SignInSummary {
        var summary = SignInSummary(minimumCapacity: keys.count)
        var classes: [Int32: ClientApp] = [:]
        var reasonsBySlot: [Int: [String: Int]] = [:]
        for (packed, n) in reasonCounts {
            reasonsBySlot[Int(packed >> 32), default: [:]][reasons.strings[Int(UInt32(truncatingIfNeeded: packed))], default: 0] += n
        }
        for (s, key) in keys.enumerated() {
            let app = classes[key.app] ?? ClientApp(exported: apps.strings[Int(key.app)])
            classes[key.app] = app
            summary.insert(
                SignInSummary.Key(
                    user: users.strings[Int(key.user)], clientApp: app,
                    ipAddress: key.ip == SignInAccumulator.noAddress ? "" : ips.strings[Int(key.ip)],
                    outcome: SignInAccumulator.outcomes[Int(key.outcome)]),
                SignInSummary.Stats(
                    count: counts[s],
                    firstSeen: firsts[s] == .max ? nil : Timestamp(millisecondsSince1970: firsts[s]),
                    lastSeen: lasts[s] == .min ? nil : Timestamp(millisecondsSince1970: lasts[s]),
                    failureReasons: reasonsBySlot[s] ?? [:]))
        }
        // Folded failures are in no group; the row count still covers every row read.
        summary.rows = rows
        return summary
    }
}
