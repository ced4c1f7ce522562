import Collect
import Foundation

/// The progress line of `collect graph` and `collect log-analytics` on standard error: pages and
/// rows per dataset, and throttling waits. Only on a terminal (`make()` returns nil otherwise),
/// so logs and pipes stay clean.
final class CollectTerminalProgress: CollectProgress, @unchecked Sendable {
    private let lock = NSLock()

    static func make() -> CollectTerminalProgress? {
        StandardError.isTerminal && ProcessInfo.processInfo.environment["AUTHSHIFT_NO_PROGRESS"] == nil ? CollectTerminalProgress() : nil
    }

    func pageWritten(dataset: String, page: Int, items: Int) {
        draw("\(dataset): page \(page), \(TerminalProgress.group(items)) rows")
    }

    func waiting(dataset: String, status: Int, seconds: Double) {
        let why = status == 0 ? "connection failed" : "HTTP \(status)"
        draw("\(dataset): \(why), waiting \(Int(seconds.rounded(.up))) s before trying again")
    }

    func finished(dataset: String, pages: Int, items: Int, resumed: Bool) {
        lock.lock()
        defer { lock.unlock() }
        StandardError.write("\r\u{1B}[K")
    }

    private func draw(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        StandardError.write("\r\u{1B}[K" + text)
    }
}
