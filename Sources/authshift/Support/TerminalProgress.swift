import Foundation
import Ingest

/// Shows rows read, throughput and time left on standard error, four times a second at
/// most, and only when standard error is a terminal (`make()` returns nil otherwise), so
/// logs and pipes stay clean.
final class TerminalProgress: ProgressSink {
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drew = false

    static func make() -> TerminalProgress? {
        StandardError.isTerminal && ProcessInfo.processInfo.environment["AUTHSHIFT_NO_PROGRESS"] == nil ? TerminalProgress() : nil
    }

    func progress(file: String, bytesRead: Int64, totalBytes: Int64, rows: Int) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.25 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(bytesRead) / elapsed
        let left = rate > 0 ? Double(max(totalBytes - bytesRead, 0)) / rate : 0
        let name = (file as NSString).lastPathComponent
        let line = String(format: "\r\u{1B}[K%@: %@ rows, %.0f MB/s, %.0f s left", name, Self.group(rows), rate / 1_000_000, left)
        StandardError.write(line)
        drew = true
    }

    func finished(file: String) {
        if drew { StandardError.write("\r\u{1B}[K") }
        drew = false
    }

    static func group(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
