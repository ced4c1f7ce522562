import AuthShiftCore
import Foundation

/// What the bridge knows about an accepted message besides its content.
public struct Envelope: Codable, Sendable, Equatable {
    public var id: String
    public var from: String
    public var recipients: [String]
    /// The device account that authenticated, or nil for an allow-listed source.
    public var account: String?
    public var client: String
    public var heloName: String
    public var listener: String
    public var acceptedAt: Date
    public var size: Int

    /// Sortable by acceptance: microseconds since 1970, a per-process counter, and random bits
    /// so two bridges sharing nothing still never collide.
    public static func newID(now: Date = Date()) -> String {
        let micros = UInt64(now.timeIntervalSince1970 * 1_000_000)
        let sequence = IDCounter.next()
        let random = UInt32.random(in: 0...UInt32.max)
        return micros.zeroPadded(16, radix: 16) + "-" + sequence.zeroPadded(8, radix: 16) + "-" + random.zeroPadded(8, radix: 16)
    }
}

/// Where a message stands in delivery; kept on disk beside it so a restart resumes exactly.
public struct DeliveryState: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case queued, deferred, dead }
    public var status: Status = .queued
    public var attempts = 0
    public var nextAttempt: Date?
    public var lastAttempt: Date?
    public var lastResult: String?
    public var route: String?

    public init() {}
}

enum IDCounter {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var value: UInt32 = 0
    static func next() -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        value &+= 1
        return value
    }
}
