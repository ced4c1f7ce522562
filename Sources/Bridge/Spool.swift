import AuthShiftCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The durable queue on disk. A message is acknowledged only after `commit` returns, which is
/// after its envelope and data are written to a new file, the file is fsynced, renamed into
/// `queue/` and the `queue/` directory is fsynced: the order Exim, Postfix and Haraka use
/// (docs/relay.md#durable-spool), so a power cut after the 250 cannot lose it (RFC 5321 §6.1: "MUST NOT lose
/// the message for frivolous reasons, such as because the host later crashes").
///
/// Layout: `incoming/` (files being written; never acknowledged, removed at start),
/// `queue/<id>.msg` (one JSON envelope line, then the message as received),
/// `queue/<id>.state` (retry state, replaced atomically), `dead/` (given up, kept for the
/// operator), `delivery.log` (one JSON line per event), `.rescan` (an operator changed the queue).
public final class Spool: Sendable {
    public let root: String
    let incoming: String
    let queue: String
    let dead: String

    public struct SpoolError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public init(root: String) throws(SpoolError) {
        self.root = root
        incoming = root + "/incoming"
        queue = root + "/queue"
        dead = root + "/dead"
        for dir in [root, incoming, queue, dead] {
            if mkdir(dir, 0o700) != 0 && errno != EEXIST {
                throw SpoolError(description: "\(dir): cannot create the spool folder (\(String(cString: strerror(errno))))")
            }
        }
    }

    /// Removes files a crash left in `incoming/`: no client was told they were accepted.
    public func purgeIncoming() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: incoming)) ?? []
        for name in names { unlink(incoming + "/" + name) }
        return names.count
    }

    /// Starts a message file in `incoming/` with its envelope line; content follows with
    /// `IncomingMessage.append` as it arrives, so no message is ever held whole in memory.
    public func begin(_ envelope: Envelope) throws(SpoolError) -> IncomingMessage {
        var header = (try? JSONEncoder.spool.encode(envelope)) ?? Data()
        header.append(10)
        let path = "\(incoming)/\(envelope.id)"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SpoolError(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        let message = IncomingMessage(envelope: envelope, fd: fd, path: path)
        message.append([UInt8](header))
        message.headerLength = header.count
        return message
    }

    /// Makes the message durable: fsync the file, rename it into `queue/`, fsync `queue/`.
    /// Only after this returns may the client be told 250.
    public func commit(_ message: IncomingMessage) throws(SpoolError) -> Envelope {
        defer { message.close() }
        if let failure = message.failure {
            message.discard()
            throw SpoolError(description: "cannot write \(message.path): \(failure)")
        }
        guard fsync(message.fd) == 0 else {
            let e = String(cString: strerror(errno))
            message.discard()
            throw SpoolError(description: "cannot fsync \(message.path): \(e)")
        }
        let id = message.envelope.id
        guard rename(message.path, "\(queue)/\(id).msg") == 0 else {
            let e = String(cString: strerror(errno))
            message.discard()
            throw SpoolError(description: "cannot move \(id) into the queue: \(e)")
        }
        guard Self.syncDirectory(queue) else { throw SpoolError(description: "cannot fsync \(queue): \(String(cString: strerror(errno)))") }
        var envelope = message.envelope
        envelope.size = message.bytesWritten - message.headerLength
        return envelope
    }

    /// Writes a whole message durably (delivery status notices).
    public func commit(_ envelope: Envelope, data: [UInt8]) throws(SpoolError) {
        let message = try begin(envelope)
        message.append(data)
        _ = try commit(message)
    }

    /// Free bytes on the spool's file system for an unprivileged writer.
    public func freeBytes() -> Int64? {
        var info = statvfs()
        guard statvfs(root, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    /// Whether a message of up to `size` octets fits with `reserve` left over. RFC 5321 §6.1 does
    /// not let a server lose a message to "a predictable resource shortage": a full disk is
    /// predictable, so the bridge says 452 before DATA rather than failing half-way.
    public func hasRoom(for size: Int, reserve: Int64) -> Bool {
        guard let free = freeBytes() else { return true }
        return free - Int64(size) >= reserve
    }

    /// Asks a running bridge to re-read the queue (after an operator's retry or delete).
    public func requestRescan() {
        let fd = open(root + "/.rescan", O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd) }
    }

    /// True once after `requestRescan` (the marker is removed).
    public func takeRescanRequest() -> Bool {
        unlink(root + "/.rescan") == 0
    }

    /// How many messages wait in the queue, from the folder listing alone.
    public var queuedCount: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: queue)) ?? []).filter { $0.hasSuffix(".msg") }.count
    }

    /// Every queued message's envelope and retry state, oldest first.
    public func queued() -> [(Envelope, DeliveryState)] {
        entries(in: queue)
    }

    public func deadLettered() -> [(Envelope, DeliveryState)] {
        entries(in: dead)
    }

    private func entries(in folder: String) -> [(Envelope, DeliveryState)] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".msg") }.sorted()
        return names.compactMap { name in
            let id = String(name.dropLast(4))
            guard let envelope = readEnvelope(path: "\(folder)/\(name)") else { return nil }
            return (envelope, readState(folder: folder, id: id) ?? DeliveryState())
        }
    }

    /// Whether the message is still in the queue (an operator may delete it while it is being
    /// delivered); one `access` call, no read.
    public func isQueued(id: String) -> Bool {
        Self.isValidID(id) && access("\(queue)/\(id).msg", F_OK) == 0
    }

    /// The message as received (without the envelope line).
    public func message(id: String, dead: Bool = false) -> [UInt8]? {
        guard Self.isValidID(id), let data = FileManager.default.contents(atPath: "\(dead ? self.dead : queue)/\(id).msg"),
            let newline = data.firstIndex(of: 10)
        else { return nil }
        return [UInt8](data[(newline + 1)...])
    }

    public func envelope(id: String, dead: Bool = false) -> Envelope? {
        guard Self.isValidID(id) else { return nil }
        return readEnvelope(path: "\(dead ? self.dead : queue)/\(id).msg")
    }

    public func state(id: String, dead: Bool = false) -> DeliveryState? {
        guard Self.isValidID(id) else { return nil }
        return readState(folder: dead ? self.dead : queue, id: id)
    }

    /// Replaces the retry state atomically (temporary file, fsync, rename).
    public func save(_ state: DeliveryState, id: String) {
        guard let data = try? JSONEncoder.spool.encode(state) else { return }
        let temporary = "\(queue)/.\(id).state.tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let ok = data.withUnsafeBytes { Self.writeAll(fd, $0) } && fsync(fd) == 0
        close(fd)
        if ok { rename(temporary, "\(queue)/\(id).state") } else { unlink(temporary) }
    }

    /// Delivered (or deleted by the operator): the message leaves the spool.
    public func remove(id: String, dead: Bool = false, syncDirectory: Bool = true) -> Bool {
        guard Self.isValidID(id) else { return false }
        let folder = dead ? self.dead : queue
        let removed = unlink("\(folder)/\(id).msg") == 0
        unlink("\(folder)/\(id).state")
        if syncDirectory { _ = Self.syncDirectory(folder) }
        return removed
    }

    /// Gave up: the message moves to `dead/` with its state, for `bridge queue retry` or export.
    public func moveToDead(id: String, state: DeliveryState) {
        save(state, id: id)
        rename("\(queue)/\(id).state", "\(dead)/\(id).state")
        rename("\(queue)/\(id).msg", "\(dead)/\(id).msg")
        _ = Self.syncDirectory(dead)
        _ = Self.syncDirectory(queue)
    }

    /// An operator's retry: back into the queue, due now, attempts kept for the record. The
    /// recipients that failed are pending again; those delivered stay delivered.
    public func requeue(id: String) -> Bool {
        guard Self.isValidID(id) else { return false }
        var state = readState(folder: dead, id: id) ?? readState(folder: queue, id: id) ?? DeliveryState()
        state.nextAttempt = Date()
        state.status = .queued
        state.recipients = state.recipients?.map { recipient in
            var recipient = recipient
            if recipient.status == .failed {
                recipient.status = .pending
                recipient.notified = nil
            }
            return recipient
        }
        if FileManager.default.fileExists(atPath: "\(dead)/\(id).msg") {
            unlink("\(dead)/\(id).state")
            guard rename("\(dead)/\(id).msg", "\(queue)/\(id).msg") == 0 else { return false }
            _ = Self.syncDirectory(queue)
        } else if !FileManager.default.fileExists(atPath: "\(queue)/\(id).msg") {
            return false
        }
        save(state, id: id)
        return true
    }

    private func readEnvelope(path: String) -> Envelope? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var line: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while line.count < 1 << 20 {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            if let nl = chunk[0..<n].firstIndex(of: 10) {
                line += chunk[0..<nl]
                guard var envelope = try? JSONDecoder.spool.decode(Envelope.self, from: Data(line)) else { return nil }
                envelope.size = Int(info.st_size) - line.count - 1
                return envelope
            }
            line += chunk[0..<n]
        }
        return nil
    }

    private func readState(folder: String, id: String) -> DeliveryState? {
        guard let data = FileManager.default.contents(atPath: "\(folder)/\(id).state") else { return nil }
        return try? JSONDecoder.spool.decode(DeliveryState.self, from: data)
    }

    /// IDs come from `Envelope.newID`; anything else (a path from a command line) is refused.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    static func syncDirectory(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return fsync(fd) == 0
    }
}

/// Spool timestamps are ISO 8601 to the millisecond (delivery latency is measured from them),
/// written by `Timestamp` and read by the exports' date parser.
private func closeDescriptor(_ fd: Int32) { close(fd) }

/// A message being received, its file open in `incoming/`. Used from one connection's serial
/// queue only; a write error is kept and reported at commit, when the client is told 451.
public final class IncomingMessage: @unchecked Sendable {
    public let envelope: Envelope
    let fd: Int32
    let path: String
    var bytesWritten = 0
    var headerLength = 0
    var failure: String?
    private var closed = false

    init(envelope: Envelope, fd: Int32, path: String) {
        self.envelope = envelope
        self.fd = fd
        self.path = path
    }

    public func append(_ bytes: [UInt8]) {
        guard failure == nil, !closed, !bytes.isEmpty else { return }
        if bytes.withUnsafeBytes({ Spool.writeAll(fd, $0) }) {
            bytesWritten += bytes.count
        } else {
            failure = String(cString: strerror(errno))
        }
    }

    /// The message will not be kept: close and remove its file.
    public func discard() {
        close()
        unlink(path)
    }

    func close() {
        guard !closed else { return }
        closed = true
        closeDescriptor(fd)
    }
}

extension JSONEncoder {
    static var spool: JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Timestamp(date).iso8601WithMilliseconds)
        }
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}

extension JSONDecoder {
    static var spool: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let timestamp = Timestamp(iso: text) { return timestamp.date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
        }
        return d
    }
}
