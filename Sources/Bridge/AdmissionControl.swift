import Foundation

/// Shared limits across all connections: the connection cap (total and per source), the
/// per-source message rate, and the lock-out after repeated AUTH failures (per source address
/// and per account name, so neither spraying one account from many hosts nor many accounts from
/// one host gets more guesses).
public final class AdmissionControl: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    private var perSource: [String: Int] = [:]
    private var messageTimes: [String: [Date]] = [:]
    private var failures: [String: [Date]] = [:]

    public init() {}

    public func openConnection(source: String, limits: BridgeConfiguration.Limits) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard total < limits.maxConnections, perSource[source, default: 0] < limits.maxConnectionsPerSource else { return false }
        total += 1
        perSource[source, default: 0] += 1
        return true
    }

    public func closeConnection(source: String) {
        lock.lock(); defer { lock.unlock() }
        total -= 1
        perSource[source, default: 1] -= 1
        if perSource[source] == 0 { perSource[source] = nil }
    }

    /// Counts a new message from `source`; false when it is over its per-minute rate.
    public func admitMessage(source: String, limits: BridgeConfiguration.Limits, now: Date = Date()) -> Bool {
        guard limits.messagesPerMinutePerSource > 0 else { return true }
        lock.lock(); defer { lock.unlock() }
        var times = (messageTimes[source] ?? []).filter { now.timeIntervalSince($0) < 60 }
        guard times.count < limits.messagesPerMinutePerSource else { messageTimes[source] = times; return false }
        times.append(now)
        messageTimes[source] = times
        return true
    }

    public func isLockedOut(source: String, user: String, limits: BridgeConfiguration.Limits, now: Date = Date()) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return [Self.key(source: source), Self.key(user: user)].contains { key in
            recent(key, limits: limits, now: now).count >= limits.authFailuresBeforeLockout
        }
    }

    public func recordFailure(source: String, user: String, limits: BridgeConfiguration.Limits, now: Date = Date()) {
        lock.lock(); defer { lock.unlock() }
        for key in [Self.key(source: source), Self.key(user: user)] {
            failures[key] = recent(key, limits: limits, now: now) + [now]
        }
    }

    public func recordSuccess(source: String, user: String) {
        lock.lock(); defer { lock.unlock() }
        failures[Self.key(user: user)] = nil
    }

    private func recent(_ key: String, limits: BridgeConfiguration.Limits, now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < Double(limits.lockoutSeconds) }
    }

    private static func key(source: String) -> String { "ip:" + source }
    private static func key(user: String) -> String { "user:" + user.lowercased() }
}
