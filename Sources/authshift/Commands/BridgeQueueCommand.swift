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
        var format: TableOrJSON = .table

        func run() throws {
            let rows = QueueReport.rows(try BridgeQueueCommand.spool(options))
            switch format {
            case .json: StandardOutput.write(try JSONOutput.encode(rows))
            case .table: StandardOutput.write(QueueReport.table(rows))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One message's envelope, delivery state and headers.")
        @OptionGroup var options: BridgeConfigOption
        @Argument var id: String

        func run() throws {
            let spool = try BridgeQueueCommand.spool(options)
            let dead = spool.envelope(id: id) == nil
            guard let stored = spool.envelope(id: id, dead: dead), let data = spool.message(id: id, dead: dead) else {
                throw BridgeQueueCommand.notFound(id)
            }
            StandardOutput.write(
                QueueReport.show(stored, state: spool.state(id: id, dead: dead) ?? DeliveryState(), dead: dead, message: data))
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Retry now: a dead-lettered message goes back into the queue; a deferred one is due at once.")
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
        static let configuration = CommandConfiguration(
            abstract: "Delete messages from the queue or the dead-letter folder (export them first to keep a copy).")
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
