#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes all of `text` to a file descriptor, unbuffered (large outputs in few calls).
private func writeAll(_ fd: Int32, _ text: String) {
    var copy = text
    copy.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n <= 0 { return }
            offset += n
        }
    }
}

/// Standard error, and whether it is a terminal.
enum StandardError {
    static func write(_ text: String) { writeAll(2, text) }
    static var isTerminal: Bool { isatty(2) == 1 }
}

enum StandardOutput {
    static func write(_ text: String) { writeAll(1, text) }
}
