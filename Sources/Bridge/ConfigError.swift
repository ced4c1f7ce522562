/// A configuration problem, named by file, line and the setting's path, so an operator can
/// fix it without guessing (`bridge.yaml:14: listeners[0].port: expected a number from 1 to 65535`).
public struct ConfigError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var path: String
    public var message: String

    public var description: String {
        "\(file)" + (line.map { ":\($0)" } ?? "") + ": " + (path.isEmpty ? "" : "\(path): ") + message
    }
}
