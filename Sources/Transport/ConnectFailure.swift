import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a TCP connection failed, in the words an admin searches for ("connection refused",
/// "no route to host", "the name could not be resolved"), instead of NIO's error dump.
public enum ConnectFailure {
    public static func describe(_ error: Error, host: String, port: Int) -> (timedOut: Bool, text: String) {
        if case ChannelError.connectTimeout = error { return (true, "no TCP connection to \(host):\(port) within the timeout") }
        if let failure = error as? NIOConnectionError {
            if failure.connectionErrors.isEmpty, failure.dnsAError != nil || failure.dnsAAAAError != nil {
                return (false, "the name \(host) could not be resolved (DNS)")
            }
            var reasons: [String] = []
            for attempt in failure.connectionErrors {
                let reason = "\(attempt.target.ipAddress ?? host): \(text(of: attempt.error))"
                if !reasons.contains(reason) { reasons.append(reason) }
            }
            if failure.connectionErrors.contains(where: {
                if case ChannelError.connectTimeout = $0.error { return true } else { return false }
            }) {
                return (true, "no TCP connection to \(host):\(port) within the timeout (\(reasons.joined(separator: "; ")))")
            }
            return (false, "could not connect to \(host):\(port): " + (reasons.isEmpty ? "\(error)" : reasons.joined(separator: "; ")))
        }
        return (false, "could not connect to \(host):\(port): \(text(of: error))")
    }

    public static func text(of error: Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        if case ChannelError.connectTimeout = error { return "timed out" }
        return "\(error)"
    }
}
