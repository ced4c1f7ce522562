import ArgumentParser
import AuthShiftCore
import Foundation
import Workspace

/// `authshift workspace import register.json`: a register made elsewhere (schema authshift.register/1).
struct WorkspaceImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store a register.json (schema authshift.register/1) as a run; the same inputs stored before add nothing."
    )

    @OptionGroup var options: WorkspaceOptions

    @Argument(help: "register.json files written by 'authshift assess'.")
    var registers: [String]

    func run() throws {
        let store = try options.open()
        for path in registers {
            let register = try RegisterLoading.load(path)
            let outcome = try WorkspaceFailure.guarding {
                try store.importRun(register, tenant: options.tenant, origin: "import \(path)", at: Timestamp(Date()))
            }
            StandardOutput.write(WorkspaceText.outcome(outcome, source: path))
        }
    }
}
