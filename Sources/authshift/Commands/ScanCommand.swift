import ArgumentParser
import AuthShiftCore
import Scan

/// `authshift scan`: stored-credential Exchange automation and password SMTP in code.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find stored-credential Exchange Online automation and password SMTP in scripts, code and configuration.",
        discussion:
            "Reads PowerShell, C#, VB, Python, JavaScript/TypeScript, PHP, Java, Go and configuration files (web.config, appsettings*.json, .env, YAML, INI); skips binary files, .git and build folders. Secret values are never printed. Exit 1 when a finding at or above --fail-on exists."
    )

    @Argument(help: "Files or folders to scan.")
    var paths: [String]

    @Option(help: "Output format: text, json, sarif or csv.")
    var format: ScanFormat = .text

    @Option(help: "Exit 1 when a finding at or above this severity exists: low, medium, high or critical.")
    var failOn: Severity = .low

    /// Benchmarks/scan_vs_ripgrep.py: time the PowerShell tokenizer, parser and script context
    /// on one core over this many passes of the scripts under the paths, instead of scanning.
    @Option(help: .private)
    var frontEndPasses: Int?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one file or folder to scan.") }
    }

    func run() throws {
        if let passes = frontEndPasses {
            let r = try FrontEndBenchmark.run(paths, passes: passes)
            let parse = r.megabytesPerSecond(r.parseSeconds)
            let context = r.megabytesPerSecond(r.contextSeconds)
            StandardOutput.write(
                "{\"files\": \(r.files), \"bytes\": \(r.bytes), \"passes\": \(r.passes), \"tokens\": \(r.tokens), "
                    + "\"commands\": \(r.commands), \"parseMBps\": \(parse), \"contextMBps\": \(context)}\n")
            return
        }
        let result: TreeScanner.Result
        do { result = try TreeScanner.scan(paths) } catch let error as ScanError {
            StandardError.write("error: \(error.description)\n")
            throw ExitMapping.exit(.noInput)
        }
        for s in result.skipped { StandardError.write("warning: \(s)\n") }
        switch format {
        case .text: StandardOutput.write(ScanReport.text(result))
        case .json: StandardOutput.write(try ScanReport.json(result))
        case .csv: StandardOutput.write(ScanReport.csv(result))
        case .sarif: StandardOutput.write(try SARIFWriter.render(result, version: AuthShiftVersion.current))
        }
        if result.findings.contains(where: { $0.severity >= failOn }) { throw ExitMapping.exit(.checkFailed) }
    }
}

enum ScanFormat: String, ExpressibleByArgument, CaseIterable { case text, json, sarif, csv }

extension Severity: ExpressibleByArgument {}
