import Foundation

/// When to try a Graph or Log Analytics request again, and how long to wait first.
///
/// Microsoft Graph answers throttling with 429 and a `Retry-After` header and asks clients to
/// wait that long; without the header it advises an exponential back-off (Microsoft Learn,
/// "Microsoft Graph throttling guidance", https://learn.microsoft.com/graph/throttling). 503 and
/// 504 are transient service errors treated the same way. `Retry-After` is either a number of
/// seconds or an HTTP-date (RFC 9110 §10.2.3). The back-off uses "full jitter" so many clients
/// throttled at once do not return in step, and the whole wait per request is capped so a run
/// never hangs for hours.
public struct RetryPolicy: Sendable {
    /// Status codes worth another try.
    public static let retryableStatuses: Set<Int> = [429, 503, 504]

    public var maximumAttempts: Int
    /// First back-off step when the answer gives no `Retry-After`.
    public var baseDelay: Double
    /// Longest single back-off step.
    public var maximumDelay: Double
    /// Longest total wait for one request; past it the run stops (and can be resumed).
    public var maximumTotalWait: Double

    public init(maximumAttempts: Int = 8, baseDelay: Double = 1, maximumDelay: Double = 60, maximumTotalWait: Double = 900) {
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.maximumTotalWait = maximumTotalWait
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1), given the answer's
    /// `Retry-After` header. A server's own delay is obeyed even above `maximumDelay`; only the
    /// total cap limits it.
    public func delay(
        attempt: Int, retryAfter: String?, now: Date = Date(),
        random: (ClosedRange<Double>) -> Double = { Double.random(in: $0) }
    ) -> Double {
        if let retryAfter, let seconds = Self.retryAfterSeconds(retryAfter, now: now) { return seconds }
        let ceiling = min(maximumDelay, baseDelay * pow(2, Double(max(attempt - 1, 0))))
        return random(0...ceiling)
    }

    /// `Retry-After: 120` or `Retry-After: Fri, 31 Dec 1999 23:59:59 GMT` (RFC 9110 §10.2.3, the
    /// IMF-fixdate form of §5.6.7); nil for anything else. A date in the past means "now".
    public static func retryAfterSeconds(_ value: String, now: Date = Date()) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit) { return Double(text) }
        guard let date = httpDate(text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
