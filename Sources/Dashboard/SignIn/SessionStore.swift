import Foundation

/// A signed-in browser: who it is and the token every write from it must carry (CSRF).
public struct DashboardSession: Sendable, Equatable {
    public var user: DashboardUser
    /// Sent back in every form and in the API's `X-CSRF-Token` header; a page of another site
    /// cannot read it, so it cannot forge a write with the session's cookie.
    public var csrfToken: String
    var lastUsed: Date
}

/// Sessions and the loopback mode's one-time sign-in tokens, in memory: a restart signs
/// everyone out, which is what a desk tool wants (no session file to steal).
public actor SessionStore {
    private var sessions: [String: DashboardSession] = [:]
    private var oneTimeTokens: Set<String> = []
    /// A session unused this long is forgotten.
    let idleLimit: TimeInterval

    public init(idleLimit: TimeInterval = 12 * 3600) {
        self.idleLimit = idleLimit
    }

    /// A new single-use sign-in token (loopback mode prints it in the sign-in link).
    public func issueOneTimeToken() -> String {
        let token = RandomToken.make()
        oneTimeTokens.insert(token)
        return token
    }

    /// Spends a one-time token: true once, false for an unknown or already used one.
    public func redeem(_ token: String) -> Bool {
        oneTimeTokens.remove(token) != nil
    }

    /// Starts a session for `user` (forgetting idle ones); returns its id (the cookie's value).
    public func start(_ user: DashboardUser, now: Date = Date()) -> (id: String, session: DashboardSession) {
        sessions = sessions.filter { now.timeIntervalSince($0.value.lastUsed) < idleLimit }
        let session = DashboardSession(user: user, csrfToken: RandomToken.make(), lastUsed: now)
        let id = RandomToken.make()
        sessions[id] = session
        return (id, session)
    }

    /// The live session a cookie names, touched; nil when unknown or idle too long.
    public func session(_ id: String, now: Date = Date()) -> DashboardSession? {
        guard var session = sessions[id] else { return nil }
        guard now.timeIntervalSince(session.lastUsed) < idleLimit else {
            sessions[id] = nil
            return nil
        }
        session.lastUsed = now
        sessions[id] = session
        return session
    }

    public func end(_ id: String) {
        sessions[id] = nil
    }
}

/// 256 random bits from the system's generator, base64url without padding.
enum RandomToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Compares secrets in time that does not depend on where they first differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
