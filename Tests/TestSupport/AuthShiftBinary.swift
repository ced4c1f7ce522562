import Foundation

/// The built `authshift` executable, for the tests that run it as a user would (CLITests, and
/// CollectTests' kill-and-resume test): where it is, and one way to start it and capture its output.
public enum AuthShiftBinary {
    /// What a finished run printed and its exit status.
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The build products folder holds both the test runner and `authshift`.
    public static var binary: URL {
        let products =
            Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidate = products.appendingPathComponent("authshift")
        if !FileManager.default.isExecutableFile(atPath: candidate.path) {
            candidate = products.deletingLastPathComponent().appendingPathComponent("authshift")
        }
        return candidate
    }

    public static let repositoryRoot = #filePath.components(separatedBy: "/Tests/")[0]

    /// A process for `arguments`, not started, with progress output off and `environment` added
    /// to this process's environment; the caller wires its output and runs it (to kill it, say).
    public static func process(_ arguments: [String], environment extra: [String: String] = [:]) -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["AUTHSHIFT_NO_PROGRESS"] = "1"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        return process
    }

    /// Runs `arguments` in `directory` to the end and captures both streams.
    public static func run(
        _ arguments: [String], in directory: String = repositoryRoot, environment: [String: String] = [:]
    ) throws -> Result {
        let process = process(arguments, environment: environment)
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
