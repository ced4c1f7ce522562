import Analysis
import ArgumentParser
import AuthShiftCore
import Foundation
import Reports

/// `authshift diff OLD NEW`: drift between two register.json files.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract:
            "Compare two register.json files: new Basic senders, senders gone, changed tenant or mailbox settings, exceptions added, expired or removed, ring moves.",
        discussion: "Exit 1 when a new Basic sender or a loosened setting appears."
    )

    @Argument(help: "The earlier register.json.")
    var old: String

    @Argument(help: "The later register.json.")
    var new: String

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    func run() throws {
        let items = RegisterDiff.diff(try RegisterLoading.load(old), try RegisterLoading.load(new))
        switch format {
        case .json: StandardOutput.write(try JSONOutput.encode(items))
        case .text: StandardOutput.write(DriftText.render(items))
        }
        if items.contains(where: \.alerts) { throw ExitMapping.exit(.checkFailed) }
    }
}
