/// Coding keys of a type whose JSON always carries every key, `null` where the value is nil.
///
/// Why: Swift's synthesized `Encodable` leaves a nil optional out (`encodeIfPresent`), and
/// PowerShell's `ConvertFrom-Json | Export-Csv` takes its columns from the first object, so a
/// key missing from the first row drops that column for every row (issue 12). authshift's JSON
/// outputs promise every documented key in every row (docs/schemas/). A type keeps that promise
/// by declaring its `CodingKeys` as `NullWritingKey`: the overloads below then win over the
/// standard library's for its synthesized `encode(to:)`, at no cost per value. Decoding is
/// unchanged: `decodeIfPresent` reads `null` and an absent key alike, so files written before
/// still load. The `CodingKeys` list is also the output's contract, one case per property; a
/// property left out of it without a default value fails to compile (synthesized `Decodable`).
public protocol NullWritingKey: CodingKey {}

extension KeyedEncodingContainer where K: NullWritingKey {
    public mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: Bool?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: String?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: Double?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: Float?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: Int?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: Int8?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: Int16?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: Int32?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: Int64?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: UInt?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: UInt8?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: UInt16?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: UInt32?, forKey key: K) throws { try encode(value, forKey: key) }
    public mutating func encodeIfPresent(_ value: UInt64?, forKey key: K) throws { try encode(value, forKey: key) }
}
