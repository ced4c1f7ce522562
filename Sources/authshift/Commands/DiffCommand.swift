import Analysis
import ArgumentParser
import AuthShiftCore
import Foundation
import Reports

/// `authshift diff OLD NEW`: drift between two register.json files.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two register.json files: new Basic senders, senders gone, changed tenant or mailbox settings, exceptions added, expired or removed, ring moves.",
        discussion: "Exit 1 when a new Basic sender or a loosened setting appears."
    )

    @Argument(help: "The earlier register.json.")
    var old: String

    @Argument(help: "The later register.json.")
    var new: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .table

    static func load(_ path: String) throws -> Register {
        guard let data = FileManager.default.contents(atPath: path) else {
            StandardError.write("error: \(path): no such file or not readable\n")
            throw ExitMapping.exit(.noInput)
        }
        do {
            let register = try JSONDecoder().decode(Register.self, from: data)
            guard register.schema == Register.schemaName else {
                StandardError.write("error: \(path): schema \(register.schema), expected \(Register.schemaName)\n")
                throw ExitMapping.exit(.dataError)
            }
            return register
        } catch let error as DecodingError {
            StandardError.write("error: \(path): not an authshift register: \(Self.describe(error))\n")
            throw ExitMapping.exit(.dataError)
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let c): return "missing \(key.stringValue) at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return "\(c.debugDescription) at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        @unknown default: return "\(error)"
        }
    }

    func run() throws {
        let items = RegisterDiff.diff(try Self.load(old), try Self.load(new))
        switch format {
        case .json: StandardOutput.write(try JSONOutput.encode(items))
        default:
            var s = items.isEmpty ? "No drift.\n" : ""
            for i in items {
                s += (i.alerts ? "ALERT " : "      ") + "\(i.kind): \(i.subject): \(i.before ?? "-") -> \(i.after ?? "-")\n"
            }
            StandardOutput.write(s)
        }
        if items.contains(where: \.alerts) { throw ExitMapping.exit(.checkFailed) }
    }
}
