import Foundation
import NIOCore
import NIOSSL
import OAuth
import SMTP
import SMTPClient

/// Delivers over SMTP with the probe's client (the same state machine, TLS and timeouts):
/// XOAUTH2 to Exchange Online with an app-only token, AUTH LOGIN to ACS or HVE with a
/// password from a file, or no AUTH to a smarthost (an inbound connector, direct send).
struct SMTPUpstream: Sendable {
    let route: BridgeConfiguration.Route
    let hostname: String
    let tokens: TokenCache?
    /// The shared TLS client context (`ClientTLS`).
    let tlsContext: NIOSSLContext

    func deliver(_ envelope: Envelope, data: [UInt8]) async -> DeliveryResult {
        var authentication: SMTPClientPlan.Authentication?
        let mailbox = route.mailbox ?? envelope.from
        switch route.kind {
        case .smtpXOAuth2:
            guard let tokens else { return .temporary("no OAuth settings", retryAfter: nil) }
            do {
                let token = try await tokens.token(scope: TokenRequest.smtpScope)
                authentication = .xoauth2(user: mailbox, accessToken: token.value.reveal())
            } catch {
                return .temporary("no token: \(error)", retryAfter: nil)
            }
        case .smtp:
            if let user = route.username, let file = route.passwordFile {
                guard let password = try? String(contentsOfFile: file, encoding: .utf8) else {
                    return .temporary("cannot read \(file)", retryAfter: nil)
                }
                authentication = .login(user: user, password: password.trimmingCharacters(in: .newlines))
            }
        case .graph:
            return .permanent("internal: a Graph route reached the SMTP upstream")
        }
        // Exchange Online refuses an unquoted "@" in the From display name; other smarthosts get the message untouched.
        let message = route.kind == .smtpXOAuth2 ? MIMEHeaders.quotingFromDisplayName(data) : data
        let plan = SMTPClientPlan(heloName: hostname, tls: route.tls, authentication: authentication, from: envelope.from,
                                  recipients: envelope.recipients, message: message, quitAfter: .data)
        let target = ProbeTarget(kind: .custom, host: route.host, port: route.port, defaultTLS: route.tls)
        let probe = SMTPProbe(target: target, plan: plan, timeout: .milliseconds(Int64(route.timeoutSeconds * 1000)), tlsContext: tlsContext,
                              dataTerminationTimeout: .seconds(Int64(SMTPLimits.Timeout.dataTermination)))
        let (outcome, _) = await probe.run(redactor: SecretRedactor())
        return Self.classify(outcome, route: route.name)
    }

    static func classify(_ outcome: ProbeOutcome, route: String) -> DeliveryResult {
        guard let failure = outcome.failure else {
            let reply = outcome.stages.last?.reply?.wireLines.last ?? "250"
            return .delivered("\(route): \(reply)")
        }
        let text = failure.reply.map { $0.wireLines.joined(separator: " ") } ?? failure.detail ?? failure.status.rawValue
        if let reply = failure.reply, reply.isPermanentFailure {
            // An XOAUTH2 refusal is usually configuration (permission, consent), not the message:
            // keep trying so that fixing the tenant lets the queue flow, until the give-up time.
            if failure.stage == .auth { return .temporary("\(route): \(failure.stage.rawValue): \(text)", retryAfter: nil) }
            return .permanent("\(route): \(failure.stage.rawValue): \(text)")
        }
        return .temporary("\(route): \(failure.stage.rawValue): \(text)", retryAfter: nil)
    }
}
