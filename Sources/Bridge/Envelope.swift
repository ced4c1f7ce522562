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

/// Where a message stands in delivery; kept on disk beside it so a restart resumes exactly:
/// per recipient, so a recipient the upstream already took is never sent the message again and
/// one that was refused for good is not retried (RFC 5321 §3.3, §4.2.5).
public struct DeliveryState: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case queued, deferred, dead }
    public var status: Status = .queued
    public var attempts = 0
    public var nextAttempt: Date?
    public var lastAttempt: Date?
    public var lastResult: String?
    public var route: String?
    /// One entry per envelope recipient once an attempt has decided anything; absent (a state
    /// file from before per-recipient delivery, or no attempt yet) means every one is pending.
    public var recipients: [RecipientState]?
    /// The last attempt failed for a reason of the route (no connection, a refused session,
    /// throttling), not of this message: the messages queued behind it wait behind it.
    public var deferredByRoute: Bool?

    public init() {}

    /// Every envelope recipient's state, pending where nothing is recorded yet.
    public func recipientStates(for envelope: Envelope) -> [RecipientState] {
        let known = Dictionary((recipients ?? []).map { ($0.address.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        return envelope.recipients.map { known[$0.lowercased()] ?? RecipientState(address: $0) }
    }

    /// The recipients still to deliver to.
    public func pendingRecipients(for envelope: Envelope) -> [String] {
        recipientStates(for: envelope).filter { $0.status == .pending }.map(\.address)
    }
}

/// One recipient of a spooled message.
public struct RecipientState: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case pending
        /// The upstream took responsibility for it (its reply is kept).
        case delivered
        /// Refused for good, or given up on; the sender was told unless the sender is `<>`.
        case failed
    }

    public var address: String
    public var status: Status = .pending
    public var attempts = 0
    public var lastAttempt: Date?
    /// The upstream's reply (or why there was none) at the last attempt.
    public var reply: String?
    /// The RFC 3463 status reported in a delivery status notice.
    public var dsnStatus: String?
    public var diagnostic: String?
    /// A delivery status notice for this recipient is in the queue.
    public var notified: Bool?

    public init(address: String) {
        self.address = address
    }
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
