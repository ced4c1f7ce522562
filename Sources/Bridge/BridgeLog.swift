import AuthShiftCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Structured logs: one JSON object per line on standard error (for journald), and the
/// per-message delivery log in the spool (`delivery.log`: accepted, each attempt with the
/// upstream's answer, delivered or dead-lettered). Neither ever holds a password or token:
/// callers pass envelope facts and upstream replies only.
public final class BridgeLog: @unchecked Sendable {
    private let lock = NSLock()
    private let deliveryFD: Int32
    private let quiet: Bool

    public init(spool: String, quiet: Bool = false) {
        deliveryFD = open(spool + "/delivery.log", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        self.quiet = quiet
    }

    deinit { if deliveryFD >= 0 { close(deliveryFD) } }

    /// An operational event (listener up, reload, errors).
    public func event(_ level: String, _ event: String, _ fields: [String: Any] = [:]) {
        guard !quiet || level != "debug" else { return }
        var object = fields
        object["ts"] = Self.timestamp()
        object["level"] = level
        object["event"] = event
        write(fd: 2, object)
    }

    /// A step in one message's life, to the delivery log (and to standard error).
    public func message(_ event: String, id: String, _ fields: [String: Any] = [:]) {
        var object = fields
        object["ts"] = Self.timestamp()
        object["event"] = event
        object["id"] = id
        if deliveryFD >= 0 { write(fd: deliveryFD, object) }
        if !quiet {
            object["level"] = "info"
            write(fd: 2, object)
        }
    }

    private func write(fd: Int32, _ object: [String: Any]) {
        guard var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return
        }
        data.append(10)
        lock.lock()
        _ = data.withUnsafeBytes { Spool.writeAll(fd, $0) }
        lock.unlock()
    }

    static func timestamp() -> String { Timestamp(Date()).iso8601WithMilliseconds }
}
