import Crypto
import Foundation

/// Checks a device's password against its account's scrypt hash. A successful check is
/// remembered (as a SHA-256 of account, password and hash, in memory only) so a printer that
/// authenticates for every page does not cost a scrypt run each time; a failed one never is.
public final class CredentialVerifier: @unchecked Sendable {
    private let lock = NSLock()
    private var verified: Set<Data> = []

    public init() {}

    /// The account name when this password was already verified for it in this run: a cheap
    /// answer that needs no scrypt run (and no place on the thread pool).
    public func cachedAccount(user: String, password: String, accounts: [BridgeConfiguration.Account]) -> String? {
        guard let account = accounts.first(where: { $0.name.lowercased() == user.lowercased() }) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return verified.contains(Self.key(account, password)) ? account.name : nil
    }

    /// The account name when the password is right (account names match case-insensitively).
    public func verify(user: String, password: String, accounts: [BridgeConfiguration.Account]) -> String? {
        guard let account = accounts.first(where: { $0.name.lowercased() == user.lowercased() }) else {
            // Spend the same time as a real check, so timing does not reveal account names.
            _ = Self.decoy.verify(password)
            return nil
        }
        if let known = cachedAccount(user: user, password: password, accounts: accounts) { return known }
        let key = Self.key(account, password)
        guard account.passwordHash.verify(password) else { return nil }
        lock.lock()
        verified.insert(key)
        lock.unlock()
        return account.name
    }

    private static func key(_ account: BridgeConfiguration.Account, _ password: String) -> Data {
        Data(SHA256.hash(data: Data((account.name + "\u{0}" + password + "\u{0}" + account.passwordHash.encoded).utf8)))
    }

    private static let decoy = PasswordHash(encoded: "scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")!
}
