import AuthShiftCore
import Foundation

/// Reads a register.json written by `assess`, for `diff`: the file must exist, decode as a
/// `Register` and carry this version's schema name. Each failure names the file and says what
/// is wrong (a missing key or a wrong type with its path), with the exit status it maps to.
public enum RegisterFile {
    public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        public let path: String
        public let message: String
        /// 66 when the file cannot be read, 65 when it is not a register of this schema.
        public let status: ExitStatus

        public var description: String { "\(path): \(message)" }
    }

    public static func read(_ path: String) throws(ReadError) -> Register {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(path: path, message: "no such file or not readable", status: .noInput)
        }
        let register: Register
        do {
            register = try JSONDecoder().decode(Register.self, from: data)
        } catch let error as DecodingError {
            throw ReadError(path: path, message: "not an authshift register: \(describe(error))", status: .dataError)
        } catch {
            throw ReadError(path: path, message: "not an authshift register: \(error)", status: .dataError)
        }
        guard register.schema == Register.schemaName else {
            throw ReadError(path: path, message: "schema \(register.schema), expected \(Register.schemaName)", status: .dataError)
        }
        return register
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let c): return "missing \(key.stringValue) at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return "\(c.debugDescription) at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        @unknown default: return "\(error)"
        }
    }
}
