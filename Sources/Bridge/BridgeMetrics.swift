import Foundation

/// Counters and the delivery-latency histogram the metrics endpoint serves in the Prometheus
/// text format (version 0.0.4). Thread-safe; every part of the bridge records into one instance.
public final class BridgeMetrics: @unchecked Sendable {
    private let lock = NSLock()
    private var counters: [String: Double] = [:]
    private var queueDepth = 0
    private var connections = 0
    /// Upper bounds in seconds, from a LAN hop to the pacing and back-off scale.
    static let buckets: [Double] = [0.1, 0.5, 1, 5, 15, 60, 300, 1800, 3600, 14_400, 86_400]
    private var latencyCounts = [Int](repeating: 0, count: buckets.count + 1)
    private var latencySum = 0.0
    private var expiries: [CredentialExpiry] = []

    public init() {}

    public func count(_ name: String, by amount: Double = 1) {
        lock.lock()
        counters[name, default: 0] += amount
        lock.unlock()
    }

    public func setQueueDepth(_ depth: Int) {
        lock.lock()
        queueDepth = depth
        lock.unlock()
    }
    public func connectionOpened() {
        lock.lock()
        connections += 1
        lock.unlock()
    }
    public func connectionClosed() {
        lock.lock()
        connections -= 1
        lock.unlock()
    }

    /// The configured certificates' expiry times, served as a gauge (set at start and on reload).
    public func setCredentialExpiries(_ expiries: [CredentialExpiry]) {
        lock.lock()
        self.expiries = expiries
        lock.unlock()
    }

    public func observeDeliveryLatency(_ seconds: Double) {
        lock.lock()
        let index = Self.buckets.firstIndex { seconds <= $0 } ?? Self.buckets.count
        latencyCounts[index] += 1
        latencySum += seconds
        lock.unlock()
    }

    public var openConnections: Int {
        lock.lock()
        defer { lock.unlock() }
        return connections
    }

    public var prometheusText: String {
        lock.lock()
        defer { lock.unlock() }
        var out = ""
        let described: [(String, String)] = [
            ("accepted", "Messages accepted and committed to the spool."),
            ("deferred", "Delivery attempts that failed temporarily."),
            ("delivered", "Messages delivered upstream."),
            ("dead_lettered", "Messages moved to the dead-letter folder."),
            ("rejected", "Transactions refused (relay, size, sender, limits)."),
            ("auth_failures", "Failed AUTH attempts."),
        ]
        for (name, help) in described {
            out += "# HELP authshift_bridge_\(name)_total \(help)\n# TYPE authshift_bridge_\(name)_total counter\n"
            out += "authshift_bridge_\(name)_total \(Self.format(counters[name] ?? 0))\n"
        }
        out +=
            "# HELP authshift_bridge_queue_depth Messages in the spool waiting for delivery.\n# TYPE authshift_bridge_queue_depth gauge\n"
        out += "authshift_bridge_queue_depth \(queueDepth)\n"
        out += "# HELP authshift_bridge_connections Open inbound SMTP connections.\n# TYPE authshift_bridge_connections gauge\n"
        out += "authshift_bridge_connections \(connections)\n"
        out +=
            "# HELP authshift_bridge_delivery_latency_seconds Time from acceptance to upstream delivery.\n# TYPE authshift_bridge_delivery_latency_seconds histogram\n"
        var cumulative = 0
        for (i, bound) in Self.buckets.enumerated() {
            cumulative += latencyCounts[i]
            out += "authshift_bridge_delivery_latency_seconds_bucket{le=\"\(Self.format(bound))\"} \(cumulative)\n"
        }
        cumulative += latencyCounts[Self.buckets.count]
        out += "authshift_bridge_delivery_latency_seconds_bucket{le=\"+Inf\"} \(cumulative)\n"
        out += "authshift_bridge_delivery_latency_seconds_sum \(Self.format(latencySum))\n"
        out += "authshift_bridge_delivery_latency_seconds_count \(cumulative)\n"
        out += expiryGauge
        return out
    }

    /// One series per configured certificate, labelled by kind and listener or route name (never
    /// a file name or anything read from a secret), so an alert can fire weeks before it expires.
    private var expiryGauge: String {
        guard !expiries.isEmpty else { return "" }
        let name = "authshift_bridge_credential_expiry_timestamp_seconds"
        var out = "# HELP \(name) When each configured certificate expires, in seconds since the Unix epoch.\n# TYPE \(name) gauge\n"
        for e in expiries {
            let labels = "credential=\"\(e.credential.rawValue)\",\(e.scope)=\"\(Self.labelValue(e.name))\""
            out += "\(name){\(labels)} \(Self.format(e.notValidAfter.timeIntervalSince1970.rounded(.down)))\n"
        }
        return out
    }

    /// A label value escaped as the text format requires (backslash, double quote, line feed).
    static func labelValue(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func format(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
}
