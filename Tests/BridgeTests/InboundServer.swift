import Foundation
import NIOCore
import NIOPosix

@testable import Bridge

#if canImport(Glibc)
    import Glibc
#endif

/// The bridge's inbound handler on a loopback port, with a spool and an idle scheduler, for
/// tests that need the real session (reloads, idle limits, header checks, raw bytes).
final class InboundServer: Sendable {
    let channel: Channel
    let box: ConfigurationBox
    let spool: Spool
    let admission: AdmissionControl
    var port: Int { channel.localAddress?.port ?? 0 }

    private init(channel: Channel, box: ConfigurationBox, spool: Spool, admission: AdmissionControl) {
        self.channel = channel
        self.admission = admission
        self.box = box
        self.spool = spool
    }

    /// `yaml` is a configuration whose first listener is used; `{spool}` is replaced.
    static func start(_ yaml: String, host: String = "127.0.0.1") async throws -> InboundServer {
        let (shared, box, spool) = try handlerSettings(yaml)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SMTPServerHandler(shared: shared, source: channel.remoteAddress))
                }
            }
            .bind(host: host, port: 0).get()
        return InboundServer(channel: channel, box: box, spool: spool, admission: shared.admission)
    }

    /// What every session's handler shares, for the configuration `yaml` (its first listener).
    static func handlerSettings(_ yaml: String, listener: Int = 0) throws -> (SMTPServerHandler.Shared, ConfigurationBox, Spool) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("inbound-\(UUID().uuidString)").path
        let config = try BridgeConfiguration.parse(yaml.replacingOccurrences(of: "{spool}", with: root), file: "test.yaml")
        let spool = try Spool(root: root)
        let box = ConfigurationBox(config)
        let log = BridgeLog(spool: root, quiet: true)
        let metrics = BridgeMetrics()
        let scheduler = try DeliveryScheduler(configuration: box, spool: spool, log: log, metrics: metrics, tokens: nil)
        let shared = SMTPServerHandler.Shared(
            listener: config.listeners[listener], configuration: box, spool: spool, scheduler: scheduler, log: log, metrics: metrics,
            admission: AdmissionControl(), verifier: CredentialVerifier(), sslContext: nil)
        return (shared, box, spool)
    }

    func reload(_ yaml: String) throws {
        box.replace(try BridgeConfiguration.parse(yaml.replacingOccurrences(of: "{spool}", with: spool.root), file: "test.yaml"))
    }

    func stop() async {
        try? await channel.close()
    }
}

/// A blocking SMTP client on a raw socket: sends exactly the bytes given, reads replies.
final class RawClient {
    private let fd: Int32
    private var pending: [UInt8] = []
    private(set) var closedByServer = false

    /// `source` binds the client's end first (127.0.0.2 is loopback too on Linux).
    init(port: Int, source: String? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                close(fd)
                throw POSIXError(.EADDRNOTAVAIL)
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(fd) }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until a reply line (`ddd ` final line) arrives, the server closes, or `seconds` pass;
    /// returns the reply's lines joined by "\n" ("" when none came). The default only bounds a
    /// failing test (a reply ends the wait), so it is generous for a loaded CI machine.
    @discardableResult
    func reply(within seconds: Double = 60) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var lines: [String] = []
        while Date() < deadline {
            if let lf = pending.firstIndex(of: 10) {
                var line = String(decoding: pending[..<lf], as: UTF8.self)
                if line.hasSuffix("\r") { line.removeLast() }
                pending.removeFirst(lf + 1)
                lines.append(line)
                if line.count >= 4, line[line.index(line.startIndex, offsetBy: 3)] == " " { break }
                continue
            }
            if closedByServer { break }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            receive(n, chunk)
        }
        return lines.joined(separator: "\n")
    }

    private func receive(_ n: Int, _ chunk: [UInt8]) {
        if n > 0 {
            pending += chunk[..<n]
        } else if n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            closedByServer = true
        }
    }

    /// Sends a command and returns its reply.
    func command(_ line: String, within seconds: Double = 60) -> String {
        send(line + "\r\n")
        return reply(within: seconds)
    }

    /// Whether the server has closed the connection (waits up to `seconds`; a close ends the wait).
    func isClosed(within seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !closedByServer && Date() < deadline {
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            receive(n, chunk)
        }
        return closedByServer
    }
}
