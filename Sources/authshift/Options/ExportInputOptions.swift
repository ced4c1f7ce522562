import ArgumentParser
import AuthShiftCore

/// The exports to read: files and folders (searched recursively), and what to do when
/// one of them cannot be read.
struct ExportInputOptions: ParsableArguments {
    @Argument(help: "Export files or folders of exports (mixed kinds are fine; recognised by content).")
    var paths: [String]

    @Flag(name: .long, help: "Keep going past unreadable files: use the others, list the bad ones, still exit 65.")
    var keepGoing = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Day/month order of dates like 01/02/2027 where a file's own dates do not prove it: dmy (day first) or mdy (month first).",
            discussion:
                "A date that can only be read one way (31/01/2027) proves the order for its whole file and wins over this option in machine exports; in exceptions.csv and inventory.csv a contradiction is an error. ISO YYYY-MM-DD needs no order."
        ))
    var dateOrder: DayMonthOrder?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one export file or folder.") }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// For `bridge queue list`: a table or JSON rows, no CSV.
enum TableOrJSON: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// For the commands that print prose or JSON and nothing else (explain, diff).
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension DayMonthOrder: ExpressibleByArgument {}
