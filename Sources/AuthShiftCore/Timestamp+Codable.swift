/// A Timestamp in JSON is an ISO 8601 UTC string (`2026-11-20T09:30:00Z`, with `.sss` when
/// it has milliseconds), as docs/register-schema.md and docs/schemas/ say; synthesized
/// `Codable` wrote `{"millisecondsSince1970": ...}`, which no reader of register.json expects.
/// That object form is still read, so registers written before load.
extension Timestamp {
    private enum LegacyKeys: String, CodingKey { case millisecondsSince1970 }

    public init(from decoder: any Decoder) throws {
        if let legacy = try? decoder.container(keyedBy: LegacyKeys.self),
            let ms = try? legacy.decode(Int64.self, forKey: .millisecondsSince1970)
        {
            self.init(millisecondsSince1970: ms)
            return
        }
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Timestamp(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected YYYY-MM-DDTHH:MM:SS[.sss]Z, got \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millisecondsSince1970 % 1000 == 0 ? description : iso8601WithMilliseconds)
    }

    /// Parses what `encode(to:)` writes: `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ`.
    /// (The exports' many date forms are read by Ingest's ExportDate.)
    public init?(iso text: String) {
        let b = Array(text.utf8)
        guard b.count == 20 || b.count == 24, b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            b.last == UInt8(ascii: "Z"), let day = CalendarDay(iso: String(decoding: b[0..<10], as: UTF8.self))
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for c in b[range] {
                guard (48...57).contains(c) else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19), hour < 24, minute < 60, second < 60
        else { return nil }
        var millisecond = 0
        if b.count == 24 {
            guard b[19] == UInt8(ascii: "."), let ms = number(20..<23) else { return nil }
            millisecond = ms
        }
        self = Timestamp.from(
            year: day.year, month: day.month, day: day.day, hour: hour, minute: minute, second: second, millisecond: millisecond)
    }
}
