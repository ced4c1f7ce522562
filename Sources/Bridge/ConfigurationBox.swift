import Foundation

/// The configuration in force, swapped whole on SIGHUP: connections and deliveries read it
/// when they start, so a reload never changes a conversation half-way.
public final class ConfigurationBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: BridgeConfiguration

    public init(_ value: BridgeConfiguration) { self.value = value }

    public var current: BridgeConfiguration {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    public func replace(_ new: BridgeConfiguration) {
        lock.lock()
        value = new
        lock.unlock()
    }
}
