import Foundation

/// Sign-ins begun and not yet completed, by `state`: what `complete` needs to finish one (the PKCE
/// verifier, the nonce) and when it began. Each entry is taken out once, so a state, and with it a nonce,
/// is used once. Bounded: entries expire after `lifetime`, and past `capacity` the oldest is forgotten,
/// because anyone who can reach the sign-in page can begin sign-ins.
struct PendingSignIns: Sendable {
    struct Entry: Sendable, Equatable {
        var verifier: String
        var nonce: String
        var created: Date
    }

    enum Outcome: Equatable {
        case found(Entry)
        case expired
        case unknown
    }

    let lifetime: TimeInterval
    let capacity: Int
    private var entries: [String: Entry] = [:]
    /// States in the order they began, for forgetting the oldest, read from `head` on; may hold states
    /// already taken (skipped when reached).
    private var order: [String] = []
    private var head = 0

    init(lifetime: TimeInterval, capacity: Int) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    var count: Int { entries.count }

    mutating func insert(state: String, entry: Entry) {
        prune(now: entry.created)
        while entries.count >= capacity, let oldest = popOldest() { entries[oldest] = nil }
        entries[state] = entry
        order.append(state)
    }

    /// Removes and returns the entry for `state`; an expired entry is removed too.
    mutating func take(state: String, now: Date) -> Outcome {
        guard let entry = entries.removeValue(forKey: state) else { return .unknown }
        return now.timeIntervalSince(entry.created) > lifetime ? .expired : .found(entry)
    }

    /// Forgets expired entries from the oldest on, stopping at the first live one.
    private mutating func prune(now: Date) {
        while head < order.count {
            if let entry = entries[order[head]], now.timeIntervalSince(entry.created) <= lifetime { break }
            if let oldest = popOldest() { entries[oldest] = nil }
        }
    }

    private mutating func popOldest() -> String? {
        guard head < order.count else { return nil }
        let state = order[head]
        head += 1
        // Compact now and then, so the array does not grow with every sign-in ever begun.
        if head > 1024 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        return state
    }
}
