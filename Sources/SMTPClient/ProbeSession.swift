import AuthShiftCore
import Foundation
import NIOCore
import OAuth
import SMTP
import Transport

/// Runs a `ProbeRequest`: reads its secrets, obtains the app-only token for XOAUTH2, drives the
/// conversation with `SMTPProbe` and returns the report. Every secret read or obtained (password,
/// client secret, token, SASL payloads) joins the redactor before any line that could carry it
/// is recorded, so the transcript and the report never hold one.
public enum ProbeSession {
    /// - Parameter observer: sees each transcript line as it happens (a live text transcript).
    /// - Returns: the report; a failed token is a report with exit status 26, not an error.
    /// - Throws: the request's first `ProbeRequest.Problem`, or an error of one of its `Deferred` reads.
    public static func run(_ request: ProbeRequest, observer: (@Sendable (Transcript.Entry) -> Void)? = nil) async throws -> ProbeReport {
        if let problem = request.problems.first { throw problem }
        var redactor = SecretRedactor()
        let password = try request.password?.read()
        let clientSecret = try request.clientSecret?.read()
        for secret in [password, clientSecret].compactMap({ $0 }) { redactor.add(secret.reveal()) }
        var transcript = Transcript(redactor: redactor, observer: observer)
        let mechanism = request.resolvedMechanism
        var reportAuth: ProbeReport.Authentication?
        var authentication: SMTPClientPlan.Authentication?
        if mechanism != .none, let user = request.userName {
            reportAuth = ProbeReport.Authentication(mechanism: mechanism.rawValue.uppercased(), user: user)
            switch mechanism {
            case .plain, .login:
                let secret = (request.target.kind == .acs ? (password ?? clientSecret) : password)?.reveal() ?? ""
                authentication = mechanism == .plain ? .plain(user: user, password: secret) : .login(user: user, password: secret)
            case .xoauth2:
                switch try await token(for: request, clientSecret: clientSecret, transcript: &transcript, report: &reportAuth) {
                case .success(let token):
                    redactor.add(token.value.reveal())
                    redactor.add(SASL.xoauth2(user: user, accessToken: token.value.reveal()))
                    transcript = transcript.with(redactor: redactor)
                    transcript.append(
                        .info, "token obtained" + (token.expiresIn.map { ", valid for \($0) s" } ?? "") + " (held in memory only)")
                    authentication = .xoauth2(user: user, accessToken: token.value.reveal())
                case .failure(let error):
                    return ProbeReport(
                        target: request.target, plan: try plan(for: request, authentication: nil), authentication: reportAuth,
                        tokenFailure: error.description, transcript: transcript)
                }
            case .none:
                break
            }
            for response in authentication?.responses ?? [] { redactor.add(response) }
            transcript = transcript.with(redactor: redactor)
        }
        authentication?.initialResponse = request.initialResponse
        let plan = try plan(for: request, authentication: authentication)
        var probe = SMTPProbe(
            target: request.target, plan: plan, timeout: request.timeout, trustRoots: request.trustRoots,
            minimumTLSVersion: request.minimumTLSVersion.nio, maximumTLSVersion: request.maximumTLSVersion?.nio)
        probe.tlsServerName = request.tlsServerName
        probe.serverNameAdvice = request.serverNameAdvice
        let (outcome, probeTranscript) = await probe.run(redactor: redactor, observer: observer)
        transcript.observer = nil
        transcript.append(contentsOf: probeTranscript)
        return ProbeReport(target: request.target, plan: plan, authentication: reportAuth, outcome: outcome, transcript: transcript)
    }

    /// The plan `SMTPProbe` follows: the stage, the envelope and the message (read now, only
    /// when DATA is reached).
    private static func plan(for request: ProbeRequest, authentication: SMTPClientPlan.Authentication?) throws -> SMTPClientPlan {
        let stage = request.stage
        let heloName = request.heloName ?? ProcessInfo.processInfo.hostName
        var message: [UInt8]?
        if stage == .data {
            switch request.message {
            case .provided(let contents): message = try contents.read()
            case .generated(let subject):
                message = TestMessage.build(from: request.sender ?? "", to: request.recipients, subject: subject, heloName: heloName)
            }
        }
        return SMTPClientPlan(
            heloName: heloName, tls: request.resolvedTLS, authentication: authentication,
            allowPlaintextAuth: request.allowPlaintextAuth, from: request.sender, recipients: request.recipients, message: message,
            quitAfter: stage)
    }
}
