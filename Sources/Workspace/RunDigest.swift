import AuthShiftCore
import Crypto
import Foundation

/// What makes two runs the same run: the SHA-256 of every input file (sorted, so the order
/// the files were listed in does not matter), with the as-of day and default-change date the
/// assessment used. A register whose inputs carry no digests is identified by its own bytes.
enum RunDigest {
    static func of(_ register: Register, encoded: () throws -> Data) rethrows -> String {
        let digests = register.inputs.compactMap(\.sha256)
        var hasher = SHA256()
        if !register.inputs.isEmpty && digests.count == register.inputs.count {
            hasher.update(data: Data("inputs\n".utf8))
            for digest in digests.sorted() { hasher.update(data: Data((digest + "\n").utf8)) }
            hasher.update(data: Data("\(register.asOf)\n\(register.defaultChangeDate)\n".utf8))
        } else {
            hasher.update(data: Data("register\n".utf8))
            hasher.update(data: try encoded())
        }
        return hex(hasher.finalize())
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { $0.zeroPadded(2, radix: 16) }.joined()
    }
}

/// The JSON that rows are stored as: sorted keys, so equal rows are equal bytes.
enum StoredJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, file: String, field: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw WorkspaceError(.database, file: file, field: field, "a stored row cannot be read back: \(error)")
        }
    }
}
