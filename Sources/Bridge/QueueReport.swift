import AuthShiftCore
import Foundation

/// What `bridge queue list` and `bridge queue show` print: the spool's messages as a table or
/// JSON rows, and one message's envelope, delivery state and headers. Everything a device or an
/// upstream wrote (addresses, EHLO name, replies, headers) is escaped for the terminal.
public enum QueueReport {
    /// One message of the listing: its envelope, its delivery state and its folder ("queued" or "dead").
    public struct Row: Encodable, Sendable {
        public let envelope: Envelope
        public let state: DeliveryState
        public let folder: String
    }

    /// Queued messages, then dead-lettered ones, each oldest first.
    public static func rows(_ spool: Spool) -> [Row] {
        spool.queued().map { Row(envelope: $0.0, state: $0.1, folder: "queued") }
            + spool.deadLettered().map { Row(envelope: $0.0, state: $0.1, folder: "dead") }
    }

    public static func table(_ rows: [Row]) -> String {
        var table = TextTable(
            header: ["id", "folder", "from", "recipients", "size", "attempts", "next attempt", "last result"], maximumCellWidth: 60)
        for row in rows {
            let e = row.envelope
            table.add([
                e.id, row.folder, e.from, e.recipients.joined(separator: " "), String(e.size), String(row.state.attempts),
                row.state.nextAttempt.map(time) ?? "", row.state.lastResult ?? "",
            ])
        }
        return table.render() + "\(rows.count) message(s)\n"
    }

    /// One message: envelope, state, each recipient's state, and the header section (up to 16 KiB read).
    public static func show(_ stored: Envelope, state s: DeliveryState, dead: Bool, message data: [UInt8]) -> String {
        let e = stored.terminalSafe
        var out =
            "id:           \(e.id)\nfolder:       \(dead ? "dead" : "queue")\nfrom:         \(e.from)\nrecipients:   \(e.recipients.joined(separator: ", "))\n"
        out += "account:      \(e.account ?? "(allow-listed source)")\nclient:       \(e.client) (\(e.heloName)) on \(e.listener)\n"
        out += "accepted:     \(time(e.acceptedAt))\nsize:         \(e.size)\nattempts:     \(s.attempts)\n"
        if let next = s.nextAttempt { out += "next attempt: \(time(next))\n" }
        if let r = s.lastResult { out += "last result:  \(TerminalText.escaped(r))\n" }
        if s.recipients != nil {
            for r in s.recipientStates(for: stored) {
                out +=
                    "recipient:    \(TerminalText.escaped(r.address)): \(r.status.rawValue), \(r.attempts) attempt(s)"
                    + (r.reply.map { "; \(TerminalText.escaped($0))" } ?? "") + "\n"
            }
        }
        let text = String(decoding: data.prefix(16_384), as: UTF8.self)
        let headers = text.components(separatedBy: "\r\n\r\n").first ?? ""
        out += "\n" + TerminalText.escaped(headers.replacingOccurrences(of: "\r\n", with: "\n"), keepingNewlines: true) + "\n"
        return out
    }

    /// ISO 8601 in UTC to the second, as the spool's timestamps are shown everywhere in the queue commands.
    static func time(_ date: Date) -> String { Timestamp(date).description }
}

extension Envelope {
    /// The envelope's client-supplied text (addresses, EHLO name, account) escaped for the terminal.
    public var terminalSafe: Envelope {
        var safe = self
        safe.from = TerminalText.escaped(from)
        safe.recipients = recipients.map { TerminalText.escaped($0) }
        safe.heloName = TerminalText.escaped(heloName)
        safe.client = TerminalText.escaped(client)
        safe.account = account.map { TerminalText.escaped($0) }
        safe.listener = TerminalText.escaped(listener)
        return safe
    }
}
