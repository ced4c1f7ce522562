import AuthShiftCore

/// Why `serve` cannot start, with the exit status the command documents.
public struct DashboardError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var exitStatus: ExitStatus

    public init(_ message: String, exitStatus: ExitStatus = .usage) {
        self.message = message
        self.exitStatus = exitStatus
    }

    public var description: String { message }
}
