import Foundation

/// How one delivery attempt ended, classified the way RFC 5321 §4.2.1 and Microsoft Graph's
/// throttling guidance say: 4xx replies, HTTP 429/503/504 and timeouts are temporary (try
/// again, honouring Retry-After); 5xx replies and Graph's permanent errors (SendAsDenied,
/// malformed MIME) are final. A temporary failure never reaches the device as a 5xx: the
/// device got its 250 when the message was spooled.
public enum DeliveryResult: Sendable, Equatable {
    case delivered(String)
    case temporary(String, retryAfter: TimeInterval?)
    case permanent(String)

    public var summary: String {
        switch self {
        case .delivered(let s), .permanent(let s): return s
        case .temporary(let s, _): return s
        }
    }
}

/// What one delivery attempt did for one recipient: the classified result and, for the
/// delivery status notice, the RFC 3463 status and the upstream's own words (RFC 3464 §2.3.4,
/// §2.3.6: `Status` and `Diagnostic-Code`).
public struct RecipientOutcome: Sendable, Equatable {
    public var result: DeliveryResult
    /// `5.1.10` from the upstream's enhanced status code, when it gave one.
    public var status: String?
    /// `smtp; 550 5.1.10 ...` or `http; 400 ErrorInvalidRecipients`.
    public var diagnostic: String?
    /// A temporary failure of the route, not of this message (no connection, a refused or lost
    /// session, throttling): the messages behind it would fail the same way, so they wait
    /// behind it, in order, instead of stepping past it.
    public var routeWide: Bool

    public init(_ result: DeliveryResult, status: String? = nil, diagnostic: String? = nil, routeWide: Bool = false) {
        self.result = result
        self.status = status
        self.diagnostic = diagnostic
        self.routeWide = routeWide
    }

    /// The same outcome for every recipient (Graph, a session that could not be opened).
    static func all(_ recipients: [String], _ outcome: RecipientOutcome) -> [String: RecipientOutcome] {
        Dictionary(recipients.map { ($0, outcome) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Exponential back-off: `initial`, doubling per attempt, capped at `maximum` (Postfix's
/// minimal and maximal backoff times play the same roles; docs/relay.md#retry-and-back-off).
public struct Backoff: Sendable, Equatable {
    public var initial: TimeInterval
    public var maximum: TimeInterval

    public func delay(afterAttempt attempt: Int, retryAfter: TimeInterval? = nil) -> TimeInterval {
        let exponent = max(0, min(attempt - 1, 40))
        let base = min(maximum, initial * pow(2, Double(exponent)))
        // A server's Retry-After is honoured when it asks for longer than the schedule.
        return max(base, min(retryAfter ?? 0, maximum * 4))
    }
}

/// Reads an HTTP Retry-After value: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
enum RetryAfter {
    static func parse(_ value: String?, now: Date = Date()) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSince(now)) }
    }
}
