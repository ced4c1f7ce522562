import ArgumentParser
import AuthShiftCore
import Bridge
import Foundation
import Reports

/// `authshift bridge queue`: what is waiting, what was given up on, and the operator's levers.
/// Works on the spool files directly, so it works whether or not the bridge is running (a
/// running bridge is told through a marker file and re-reads its queue within a second).
struct BridgeQueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "List, show, retry, delete or export spooled messages.",
        subcommands: [List.self, Show.self, Retry.self, Delete.self, Export.self]
    )

    static func spool(_ options: BridgeConfigOption) throws -> Spool {
        let config = try options.load()
        do { return try Spool(root: config.spool) } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(ExitStatus.noInput.rawValue)
        }
    }

    static func notFound(_ id: String) -> ExitCode {
        StandardError.write("error: no message \(id) in the queue or the dead-letter folder\n")
        return ExitCode(ExitStatus.noInput.rawValue)
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queued and dead-lettered messages, oldest first.")
        @OptionGroup var options: BridgeConfigOption
        @Option(help: "Output: table or json.")
        var format: OutputFormat = .table

        func run() throws {
            let spool = try BridgeQueueCommand.spool(options)
            let rows = spool.queued().map { ($0.0, $0.1, "queued") } + spool.deadLettered().map { ($0.0, $0.1, "dead") }
            if format == .json {
                struct Row: Encodable { let envelope: Envelope; let state: DeliveryState; let folder: String }
                StandardOutput.write(try JSONOutput.encode(rows.map { Row(envelope: $0.0, state: $0.1, folder: $0.2) }))
                return
            }
            var table = TextTable(header: ["id", "folder", "from", "recipients", "size", "attempts", "next attempt", "last result"], maximumCellWidth: 60)
            for (e, s, folder) in rows {
                table.add([e.id, folder, e.from, e.recipients.joined(separator: " "), String(e.size), String(s.attempts),
                              s.nextAttempt.map { Timestamp($0).description } ?? "", s.lastResult ?? ""])
            }
            StandardOutput.write(table.render() + "\(rows.count) message(s)\n")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One message's envelope, delivery state and headers.")
        @OptionGroup var options: BridgeConfigOption
        @Argument var id: String

        func run() throws {
            let spool = try BridgeQueueCommand.spool(options)
            let dead = spool.envelope(id: id) == nil
            guard let stored = spool.envelope(id: id, dead: dead), let data = spool.message(id: id, dead: dead) else { throw BridgeQueueCommand.notFound(id) }
            let s = spool.state(id: id, dead: dead) ?? DeliveryState()
            let e = stored.terminalSafe
            var out = "id:           \(e.id)\nfolder:       \(dead ? "dead" : "queue")\nfrom:         \(e.from)\nrecipients:   \(e.recipients.joined(separator: ", "))\n"
            out += "account:      \(e.account ?? "(allow-listed source)")\nclient:       \(e.client) (\(e.heloName)) on \(e.listener)\n"
            out += "accepted:     \(Timestamp(e.acceptedAt))\nsize:         \(e.size)\nattempts:     \(s.attempts)\n"
            if let next = s.nextAttempt { out += "next attempt: \(Timestamp(next))\n" }
            if let r = s.lastResult { out += "last result:  \(TerminalText.escaped(r))\n" }
            if s.recipients != nil {
                for r in s.recipientStates(for: stored) {
                    out += "recipient:    \(TerminalText.escaped(r.address)): \(r.status.rawValue), \(r.attempts) attempt(s)" + (r.reply.map { "; \(TerminalText.escaped($0))" } ?? "") + "\n"
                }
            }
            let text = String(decoding: data.prefix(16_384), as: UTF8.self)
            let headers = text.components(separatedBy: "\r\n\r\n").first ?? ""
            out += "\n" + TerminalText.escaped(headers.replacingOccurrences(of: "\r\n", with: "\n"), keepingNewlines: true) + "\n"
            StandardOutput.write(out)
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retry now: a dead-lettered message goes back into the queue; a deferred one is due at once.")
        @OptionGroup var options: BridgeConfigOption
        @Argument(help: "Message IDs, or --all-dead.") var ids: [String] = []
        @Flag(name: .customLong("all-dead")) var allDead = false

        func run() throws {
            let spool = try BridgeQueueCommand.spool(options)
            let targets = allDead ? spool.deadLettered().map(\.0.id) : ids
            for id in targets {
                guard spool.requeue(id: id) else { throw BridgeQueueCommand.notFound(id) }
                StandardOutput.write("\(id): queued for delivery\n")
            }
            spool.requestRescan()
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete messages from the queue or the dead-letter folder (export them first to keep a copy).")
        @OptionGroup var options: BridgeConfigOption
        @Argument var ids: [String]

        func run() throws {
            let spool = try BridgeQueueCommand.spool(options)
            for id in ids {
                guard spool.remove(id: id) || spool.remove(id: id, dead: true) else { throw BridgeQueueCommand.notFound(id) }
                StandardOutput.write("\(id): deleted\n")
            }
            spool.requestRescan()
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a message as an .eml file (never overwrites without --force).")
        @OptionGroup var options: BridgeConfigOption
        @Argument var id: String
        @Option(help: "The .eml file to write.") var output: String
        @Flag var force = false

        func run() throws {
            let spool = try BridgeQueueCommand.spool(options)
            guard let data = spool.message(id: id) ?? spool.message(id: id, dead: true) else { throw BridgeQueueCommand.notFound(id) }
            try OutputFile.write(Data(data), to: output, force: force)
            StandardOutput.write("\(id): written to \(output) (\(data.count) octets)\n")
        }
    }
}

extension Envelope {
    /// The envelope's client-supplied text (addresses, EHLO name, account) escaped for the terminal.
    var terminalSafe: Envelope {
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
