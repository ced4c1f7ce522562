/// Where a fact came from, so every conclusion can show its evidence.
public struct ExportLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public let file: String
    public let line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public init(_ record: ExportRecord) { self.init(file: record.file, line: record.line) }

    public var description: String { "\(file):\(line)" }
}
