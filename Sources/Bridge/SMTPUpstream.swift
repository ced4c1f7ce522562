import Foundation
import NIOCore
import NIOSSL
import OAuth
import SMTP
import SMTPClient

/// Delivers over SMTP with relay semantics (`SMTPDeliverySession`): every recipient the upstream
/// accepts gets the message, each refused one has its own result. XOAUTH2 to Exchange Online
/// with an app-only token, AUTH LOGIN to ACS or HVE with a password from a file, or no AUTH to a
/// smarthost (an inbound connector, direct send). Sessions are kept open in `sessions` and
/// reused for the next message to the same upstream as the same user.
struct SMTPUpstream: Sendable {
    let route: BridgeConfiguration.Route
    let hostname: String
    let tokens: TokenCache?
    /// The shared TLS client context (`ClientTLS`).
    let tlsContext: NIOSSLContext
    let sessions: SMTPSessionPool

    /// One outcome per recipient in `recipients` (the ones still pending).
    func deliver(_ envelope: Envelope, recipients: [String], data: [UInt8]) async -> [String: RecipientOutcome] {
        // Exchange Online refuses an unquoted "@" in the From display name; other smarthosts get the message untouched.
        let message = route.kind == .smtpXOAuth2 ? MIMEHeaders.quotingFromDisplayName(data) : data
        let transaction = SMTPTransaction(from: envelope.from, recipients: recipients, message: message)
        let mailbox = route.mailbox ?? envelope.from
        let key = [route.name, route.host, String(route.port), route.kind == .smtpXOAuth2 ? mailbox.lowercased() : (route.username ?? "")]
            .joined(separator: "|")
        // A kept session the server has closed meanwhile takes nothing: try the next, then a new one.
        while let kept = await sessions.take(key) {
            if let done = await kept.deliver(transaction) { return await finish(done, session: kept, key: key) }
            await kept.close()
        }
        let session: SMTPDeliverySession
        switch await open(mailbox: mailbox) {
        case .session(let opened): session = opened
        case .refused(let failure): return RecipientOutcome.all(recipients, failure)
        }
        guard let done = await session.deliver(transaction) else {
            await session.close()
            return RecipientOutcome.all(
                recipients, RecipientOutcome(.temporary("\(route.name): the session closed before MAIL", retryAfter: nil), routeWide: true))
        }
        return await finish(done, session: session, key: key)
    }

    private func finish(_ done: (results: [RecipientResult], reusable: Bool), session: SMTPDeliverySession, key: String) async -> [String:
        RecipientOutcome]
    {
        if done.reusable { await sessions.put(key, session) } else { await session.close() }
        var out: [String: RecipientOutcome] = [:]
        for result in done.results { out[result.recipient] = Self.outcome(result, route: route.name) }
        return out
    }

    private enum Opening {
        case session(SMTPDeliverySession)
        case refused(RecipientOutcome)
    }

    private func open(mailbox: String) async -> Opening {
        var authentication: SMTPClientPlan.Authentication?
        switch route.kind {
        case .smtpXOAuth2:
            guard let tokens else { return .refused(RecipientOutcome(.temporary("no OAuth settings", retryAfter: nil), routeWide: true)) }
            do {
                let token = try await tokens.token(scope: TokenRequest.smtpScope)
                authentication = .xoauth2(user: mailbox, accessToken: token.value.reveal())
            } catch {
                return .refused(RecipientOutcome(.temporary("no token: \(error)", retryAfter: nil), routeWide: true))
            }
        case .smtp:
            if let user = route.username, let file = route.passwordFile {
                guard let password = try? String(contentsOfFile: file, encoding: .utf8) else {
                    return .refused(RecipientOutcome(.temporary("cannot read \(file)", retryAfter: nil), routeWide: true))
                }
                authentication = .login(user: user, password: password.trimmingCharacters(in: .newlines))
            }
        case .graph:
            return .refused(RecipientOutcome(.permanent("internal: a Graph route reached the SMTP upstream")))
        }
        let plan = SMTPClientPlan(heloName: hostname, tls: route.tls, authentication: authentication, quitAfter: .data)
        let opened = await SMTPDeliverySession.open(
            host: route.host, port: route.port, plan: plan, timeout: .milliseconds(Int64(route.timeoutSeconds * 1000)),
            dataTerminationTimeout: .seconds(Int64(SMTPLimits.Timeout.dataTermination)),
            tlsContext: route.tls == .none ? nil : tlsContext)
        switch opened {
        case .success(let session): return .session(session)
        case .failure(let failure): return .refused(Self.classify(failure.stage, route: route.name))
        }
    }

    /// A session that could not be opened: the same result for every recipient. A 5xx is final,
    /// except at AUTH: an XOAUTH2 refusal is usually configuration (permission, consent), not
    /// the message, so the queue keeps trying until the give-up time and flows once it is fixed.
    static func classify(_ failure: StageResult, route: String) -> RecipientOutcome {
        let text = failure.reply.map { $0.wireLines.joined(separator: " ") } ?? failure.detail ?? failure.status.rawValue
        let reason = "\(route): \(failure.stage.rawValue): \(text)"
        let diagnostic = failure.reply.map { "smtp; " + $0.wireLines.joined(separator: " ") }
        if let reply = failure.reply, reply.isPermanentFailure, failure.stage != .auth {
            return RecipientOutcome(.permanent(reason), status: reply.explained.enhanced, diagnostic: diagnostic)
        }
        return RecipientOutcome(
            .temporary(reason, retryAfter: nil), status: failure.reply?.explained.enhanced, diagnostic: diagnostic, routeWide: true)
    }

    static func outcome(_ result: RecipientResult, route: String) -> RecipientOutcome {
        let reason = "\(route): \(result.summary)"
        let diagnostic = result.reply.map { "smtp; " + $0.wireLines.joined(separator: " ") }
        let status = result.reply?.explained.enhanced
        switch result.status {
        case .delivered: return RecipientOutcome(.delivered(reason), status: status, diagnostic: diagnostic)
        // Without a reply (a timeout, a lost connection) it is the session that failed, not the recipient.
        case .deferred:
            return RecipientOutcome(
                .temporary(reason, retryAfter: nil), status: status, diagnostic: diagnostic, routeWide: result.reply == nil)
        case .failed: return RecipientOutcome(.permanent(reason), status: status, diagnostic: diagnostic)
        }
    }
}

/// Open upstream sessions between messages, by upstream and user. A session is reused for at
/// most `maximumAge` seconds (Postfix's smtp_connection_reuse_time_limit is 300 s) and closed
/// after `idleSeconds` without work, well inside the time a server waits for a command (RFC 5321
/// §4.5.3.2.7: at least 5 minutes), so a kept session is seldom found closed.
actor SMTPSessionPool {
    private struct Kept {
        let session: SMTPDeliverySession
        let since: Date
    }

    private var idle: [String: [Kept]] = [:]
    let idleSeconds: Double
    let maximumAge: Double

    init(idleSeconds: Double = 5, maximumAge: Double = 300) {
        self.idleSeconds = idleSeconds
        self.maximumAge = maximumAge
    }

    func take(_ key: String) -> SMTPDeliverySession? {
        let now = Date()
        while let kept = idle[key]?.popLast() {
            if now.timeIntervalSince(kept.since) <= idleSeconds && now.timeIntervalSince(kept.session.openedAt) <= maximumAge {
                return kept.session
            }
            Task { await kept.session.close() }
        }
        return nil
    }

    func put(_ key: String, _ session: SMTPDeliverySession) {
        guard Date().timeIntervalSince(session.openedAt) <= maximumAge else {
            Task { await session.close() }
            return
        }
        idle[key, default: []].append(Kept(session: session, since: Date()))
    }

    /// Closes the sessions idle for longer than `idleSeconds` (or all of them).
    func sweep(all: Bool = false) async {
        let now = Date()
        for (key, list) in idle {
            let (expired, kept) = (
                list.filter { all || now.timeIntervalSince($0.since) > idleSeconds },
                list.filter { !all && now.timeIntervalSince($0.since) <= idleSeconds }
            )
            idle[key] = kept.isEmpty ? nil : kept
            for old in expired { await old.session.close() }
        }
    }
}
