import ArgumentParser

/// The exports to read: files and folders (searched recursively), and what to do when
/// one of them cannot be read.
struct ExportInputOptions: ParsableArguments {
    @Argument(help: "Export files or folders of exports (mixed kinds are fine; recognised by content).")
    var paths: [String]

    @Flag(name: .long, help: "Keep going past unreadable files: use the others, list the bad ones, still exit 65.")
    var keepGoing = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one export file or folder.") }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}
