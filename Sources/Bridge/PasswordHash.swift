import Crypto
import Foundation
import _CryptoExtras

/// A device password as the configuration stores it: scrypt (RFC 7914) with a random salt,
/// `scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>`, made by `authshift bridge
/// hash-password`. N = 2^15, r = 8, p = 1 costs about 32 MiB and tens of milliseconds per
/// check, which with the lock-out after repeated failures makes guessing impractical.
public struct PasswordHash: Sendable, Equatable {
    let logN: Int
    let r: Int
    let p: Int
    let salt: [UInt8]
    let hash: [UInt8]

    public init?(encoded: String) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let logN = Int(parts[1]), (10...20).contains(logN), let r = Int(parts[2]),
            (1...32).contains(r),
            let p = Int(parts[3]), (1...16).contains(p), let salt = Data(base64Encoded: parts[4]), salt.count >= 16,
            let hash = Data(base64Encoded: parts[5]), hash.count >= 32
        else { return nil }
        self.logN = logN
        self.r = r
        self.p = p
        self.salt = [UInt8](salt)
        self.hash = [UInt8](hash)
    }

    public static func make(password: String, logN: Int = 15) throws -> PasswordHash {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = generator.next() }
        let key = try derive(password: password, salt: salt, logN: logN, r: 8, p: 1)
        return PasswordHash(encoded: "scrypt$\(logN)$8$1$\(Data(salt).base64EncodedString())$\(Data(key).base64EncodedString())")!
    }

    public var encoded: String {
        "scrypt$\(logN)$\(r)$\(p)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    /// Constant-time comparison of the derived key.
    public func verify(_ password: String) -> Bool {
        guard let key = try? Self.derive(password: password, salt: salt, logN: logN, r: r, p: p), key.count == hash.count else {
            return false
        }
        var difference: UInt8 = 0
        for i in key.indices { difference |= key[i] ^ hash[i] }
        return difference == 0
    }

    static func derive(password: String, salt: [UInt8], logN: Int, r: Int, p: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8), salt: salt, outputByteCount: 32, rounds: 1 << logN, blockSize: r, parallelism: p,
            maxMemory: 256 << 20)
        return key.withUnsafeBytes { Array($0) }
    }
}
