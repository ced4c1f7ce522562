import AuthShiftCore

/// What reading one file found: shown by `inspect`, and kept with every analysis so the
/// report can list its inputs.
public struct InspectedFile: Sendable, Codable {
    public var path: String
    public var kind: ExportKind?
    /// `csv` or `json`.
    public var format: String
    public var encoding: SourceEncoding?
    /// `,` `;` or `tab` for CSV.
    public var delimiter: String?
    /// The Windows PowerShell `#TYPE` line, when present.
    public var typeName: String?
    /// Header variant or JSON shape, e.g. "57 columns" or "graph-page".
    public var variant: String?
    public var rows = 0
    public var firstTime: Timestamp?
    public var lastTime: Timestamp?
    public var warnings: [String] = []
    /// How the day/month order of each date column written with slashes or dots was decided.
    public var dateOrders: [DateOrderNote] = []
    /// Why the file was not recognised (nil when it was).
    public var unrecognizedReason: String?
    /// The error that stopped reading this file.
    public var error: IngestError?

    public init(path: String, format: String) {
        self.path = path
        self.format = format
    }
}

/// Warnings and time range gathered while one file is read.
public struct FileNotes: Sendable {
    public var warnings: [String] = []
    public var firstTime: Timestamp?
    public var lastTime: Timestamp?

    public mutating func warn(_ text: String) {
        if !warnings.contains(text) { warnings.append(text) }
    }

    mutating func saw(_ t: Timestamp?) {
        guard let t else { return }
        if firstTime == nil || t < firstTime! { firstTime = t }
        if lastTime == nil || t > lastTime! { lastTime = t }
    }
}

extension IngestError: Codable {
    enum CodingKeys: String, CodingKey { case kind, file, line, field, message }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try c.decode(Kind.self, forKey: .kind), file: try c.decode(String.self, forKey: .file),
            line: try c.decodeIfPresent(Int.self, forKey: .line), field: try c.decodeIfPresent(String.self, forKey: .field),
            try c.decode(String.self, forKey: .message))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(file, forKey: .file)
        try c.encodeIfPresent(line, forKey: .line)
        try c.encodeIfPresent(field, forKey: .field)
        try c.encode(message, forKey: .message)
    }
}
