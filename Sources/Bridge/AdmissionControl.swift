import Foundation

/// Shared limits across all connections: the connection cap (total and per source), the
/// per-source message rate, and the lock-out after repeated AUTH failures: per source address
/// first (many accounts from one host get no more guesses), and per account only when the
/// failures come from several distinct sources (spraying one account from many hosts), for a
/// shorter time, so nobody can lock a device out just by knowing its account name.
///
/// A password check is counted as a failure when it starts (`beginAttempt`) and the failure is
/// withdrawn only when it succeeds (`finishAttempt`): parallel connections cannot run more
/// checks than the lock-out allows while the slow scrypt checks are under way. Checks in flight
/// are bounded per source and in total, so nobody can fill the shared thread pool with decoys
/// and hold back the devices' logins.
public final class AdmissionControl: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    private var perSource: [String: Int] = [:]
    private var messageTimes: [String: [Date]] = [:]
    private struct Failure {
        let source: String
        let user: String
        let at: Date
        var attempt: UInt64 = 0
    }
    /// Recent AUTH failures, oldest first (pruned to `lockoutSeconds` on every use).
    private var failures: [Failure] = []
    /// Account locks: since when (failures before it do not count again) and until when.
    private var accountLocks: [String: (since: Date, until: Date)] = [:]

    /// The reservations of checks under way: kept however long the check takes.
    private var attemptsInFlight: Set<UInt64> = []
    private var checksInFlight: [String: Int] = [:]
    private var totalChecksInFlight = 0
    private var lastAttempt: UInt64 = 0

    public init() {}

    public func openConnection(source: String, limits: BridgeConfiguration.Limits) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard total < limits.maxConnections, perSource[source, default: 0] < limits.maxConnectionsPerSource else { return false }
        total += 1
        perSource[source, default: 0] += 1
        return true
    }

    public func closeConnection(source: String) {
        lock.lock()
        defer { lock.unlock() }
        total -= 1
        perSource[source, default: 1] -= 1
        if perSource[source] == 0 { perSource[source] = nil }
    }

    /// Counts a new message from `source`; false when it is over its per-minute rate.
    public func admitMessage(source: String, limits: BridgeConfiguration.Limits, now: Date = Date()) -> Bool {
        guard limits.messagesPerMinutePerSource > 0 else { return true }
        lock.lock()
        defer { lock.unlock() }
        var times = (messageTimes[source] ?? []).filter { now.timeIntervalSince($0) < 60 }
        guard times.count < limits.messagesPerMinutePerSource else {
            messageTimes[source] = times
            return false
        }
        times.append(now)
        messageTimes[source] = times
        return true
    }

    /// The source AUTH failures are counted against: an IPv4 address, or an IPv6 address's /64.
    /// One host on a SLAAC network can take any address of its /64 (RFC 4291 section 2.5.1:
    /// interface identifiers are 64 bits), so counting per IPv6 address would give it endless guesses.
    public static func lockoutSource(_ address: IPAddress) -> String {
        address.isIPv4 ? address.description : address.masked(64).description + "/64"
    }

    /// Why AUTH is refused without a password check.
    public enum Lockout: Sendable, Equatable {
        /// This source address failed `authFailuresBeforeLockout` times within `lockoutSeconds`.
        case source
        /// The account failed from `accountLockoutSources` distinct sources; locked until then.
        case account(until: Date)
    }

    /// Whether AUTH from `source` for `user` is locked out, and why. The source is checked
    /// first: one host guessing is stopped without touching the account, so an attacker who
    /// knows a device's account name cannot lock the device out from one address. A locked
    /// account refuses only sources with recent failures: a source without any may try (its
    /// check is counted as a failure from its start, so it gets one at a time).
    public func lockout(source: String, user: String, limits: BridgeConfiguration.Limits, now: Date = Date()) -> Lockout? {
        lock.lock()
        defer { lock.unlock() }
        return lockedOut(source: source, user: user, limits: limits, now: now)
    }

    private func lockedOut(source: String, user: String, limits: BridgeConfiguration.Limits, now: Date) -> Lockout? {
        prune(limits: limits, now: now)
        if failures.filter({ $0.source == source }).count >= limits.authFailuresBeforeLockout { return .source }
        // An account lock holds back only sources that failed recently: a device that has not
        // failed (its right password, from its own address) still gets its one check.
        if let lock = accountLocks[user.lowercased()], lock.until > now, failures.contains(where: { $0.source == source }) {
            return .account(until: lock.until)
        }
        return nil
    }

    /// When the account's lock ends, if it is locked (a source without recent failures is let
    /// through it; the caller logs that).
    public func accountLockEnd(user: String, now: Date = Date()) -> Date? {
        lock.lock()
        defer { lock.unlock() }
        return accountLocks[user.lowercased()].flatMap { $0.until > now ? $0.until : nil }
    }

    public func isLockedOut(source: String, user: String, limits: BridgeConfiguration.Limits, now: Date = Date()) -> Bool {
        lockout(source: source, user: user, limits: limits, now: now) != nil
    }

    /// Records a failed AUTH. Returns the account lock's end when this failure engaged it (the
    /// caller logs it): failures for the account from `accountLockoutSources` distinct sources
    /// within `lockoutSeconds`.
    @discardableResult
    public func recordFailure(source: String, user: String, limits: BridgeConfiguration.Limits, now: Date = Date()) -> Date? {
        lock.lock()
        defer { lock.unlock() }
        prune(limits: limits, now: now)
        failures.append(Failure(source: source, user: user.lowercased(), at: now))
        return engageAccountLock(user: user, limits: limits, now: now)
    }

    /// Locks the account when its failures come from `accountLockoutSources` distinct sources.
    private func engageAccountLock(user: String, limits: BridgeConfiguration.Limits, now: Date) -> Date? {
        let name = user.lowercased()
        // Failures that already locked the account once do not lock it again.
        let since = accountLocks[name]?.since ?? .distantPast
        let sources = Set(failures.filter { $0.user == name && $0.at > since }.map(\.source))
        guard sources.count >= limits.accountLockoutSources, (accountLocks[name]?.until ?? .distantPast) <= now else { return nil }
        let until = now.addingTimeInterval(Double(limits.accountLockoutSeconds))
        accountLocks[name] = (now, until)
        return until
    }

    /// A password check that may start: already counted as a failure until it finishes.
    public struct AuthAttempt: Sendable, Equatable {
        let id: UInt64
        public let source: String
        public let user: String
    }

    public enum AttemptDecision: Sendable, Equatable {
        case proceed(AuthAttempt)
        case lockedOut(Lockout)
        /// Too many checks in flight from this source or in total: 454, try again later.
        case busy
    }

    /// Reserves a password check for `user` from `source`: refused when locked out or when
    /// `authChecksInFlightPerSource` / `authChecksInFlight` are reached; otherwise counted as a
    /// failure at once (so the lock-out holds against parallel connections) until `finishAttempt`.
    public func beginAttempt(source: String, user: String, limits: BridgeConfiguration.Limits, now: Date = Date()) -> AttemptDecision {
        lock.lock()
        defer { lock.unlock() }
        if let lockout = lockedOut(source: source, user: user, limits: limits, now: now) { return .lockedOut(lockout) }
        guard checksInFlight[source, default: 0] < limits.authChecksInFlightPerSource, totalChecksInFlight < limits.authChecksInFlight
        else { return .busy }
        lastAttempt += 1
        failures.append(Failure(source: source, user: user.lowercased(), at: now, attempt: lastAttempt))
        attemptsInFlight.insert(lastAttempt)
        checksInFlight[source, default: 0] += 1
        totalChecksInFlight += 1
        return .proceed(AuthAttempt(id: lastAttempt, source: source, user: user))
    }

    /// Ends a reserved check. A success withdraws the source's failures for the account; a
    /// failure stays counted from now, when the client hears it (a slow check, scrypt on a busy
    /// host, must not age its own failure out of `lockoutSeconds` before it is counted), and the
    /// account lock's end is returned when it engaged it.
    @discardableResult
    public func finishAttempt(_ attempt: AuthAttempt, succeeded: Bool, limits: BridgeConfiguration.Limits, now: Date = Date()) -> Date? {
        lock.lock()
        defer { lock.unlock() }
        totalChecksInFlight -= 1
        checksInFlight[attempt.source, default: 1] -= 1
        if checksInFlight[attempt.source] == 0 { checksInFlight[attempt.source] = nil }
        attemptsInFlight.remove(attempt.id)
        let name = attempt.user.lowercased()
        if succeeded {
            failures.removeAll { $0.source == attempt.source && $0.user == name }
            return nil
        }
        failures.removeAll { $0.attempt == attempt.id }
        failures.append(Failure(source: attempt.source, user: name, at: now, attempt: attempt.id))
        prune(limits: limits, now: now)
        return engageAccountLock(user: attempt.user, limits: limits, now: now)
    }

    /// A successful AUTH clears that source's failures for the account.
    public func recordSuccess(source: String, user: String) {
        lock.lock()
        defer { lock.unlock() }
        let name = user.lowercased()
        failures.removeAll { $0.source == source && $0.user == name }
    }

    private func prune(limits: BridgeConfiguration.Limits, now: Date) {
        failures.removeAll { !attemptsInFlight.contains($0.attempt) && now.timeIntervalSince($0.at) >= Double(limits.lockoutSeconds) }
        accountLocks = accountLocks.filter { now.timeIntervalSince($0.value.since) < Double(limits.lockoutSeconds) || $0.value.until > now }
    }
}
