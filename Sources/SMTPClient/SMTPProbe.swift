import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import OAuth
import SMTP
import Transport

/// Runs one submission conversation against a target and returns what happened, never throwing:
/// an unreachable host, a refused certificate or a silent server are results, not errors.
public struct SMTPProbe: Sendable {
    public var target: ProbeTarget
    public var plan: SMTPClientPlan
    /// How long each stage may wait for the server (RFC 5321 §4.5.3.2 allows servers minutes;
    /// Exchange Online answers within seconds, so a probe waits less by default).
    public var timeout: TimeAmount
    /// The TLS client context (`ClientTLS`), built once; the bridge shares one across deliveries.
    private let tls: Result<NIOSSLContext, TLSSetupError>
    /// How long to wait for the answer to the final "." (the probe waits `timeout`; the bridge
    /// waits RFC 5321 §4.5.3.2.6's 10 minutes, since a spurious timeout there sends a duplicate).
    public var dataTerminationTimeout: TimeAmount
    /// The name to send in SNI and to verify the certificate against, instead of the target's
    /// host (a relay reached by IP address whose certificate names its host name). Without it an
    /// IP address target sends no SNI (RFC 6066 §3 forbids addresses there) and is verified as
    /// an address.
    public var tlsServerName: String?
    /// How a user connects with a name the certificate lists; ends the sentence of a name mismatch.
    public var serverNameAdvice = "connect by a name the certificate lists"
    /// The highest TLS version offered when it is below 1.2 ("1.0", "1.1"), to explain a server
    /// that closes the handshake without a word.
    var legacyMaximum: String?

    struct TLSSetupError: Error { let description: String }

    /// - Parameters:
    ///   - trustRoots: extra trust anchors for the server's certificate (a test CA, a relay's CA).
    ///   - maximumTLSVersion: the highest version to offer, to imitate a device that only speaks
    ///     TLS 1.0 or 1.1 (smtp.office365.com refuses it; smtp-legacy.office365.com takes it).
    public init(
        target: ProbeTarget, plan: SMTPClientPlan, timeout: TimeAmount = .seconds(30), trustRoots: [NIOSSLCertificate] = [],
        minimumTLSVersion: TLSVersion = .tlsv12, maximumTLSVersion: TLSVersion? = nil, dataTerminationTimeout: TimeAmount? = nil
    ) {
        let tls: Result<NIOSSLContext, TLSSetupError>
        do { tls = .success(try ClientTLS.context(trustRoots: trustRoots, minimum: minimumTLSVersion, maximum: maximumTLSVersion)) } catch {
            tls = .failure(TLSSetupError(description: "\(error)"))
        }
        self.init(target: target, plan: plan, timeout: timeout, tls: tls, dataTerminationTimeout: dataTerminationTimeout)
        legacyMaximum = maximumTLSVersion.flatMap(TLSProtocolVersion.init).flatMap { $0 < .v12 ? $0.rawValue : nil }
    }

    /// With a context built once by the caller (`ClientTLS.context`).
    public init(
        target: ProbeTarget, plan: SMTPClientPlan, timeout: TimeAmount, tlsContext: NIOSSLContext, dataTerminationTimeout: TimeAmount? = nil
    ) {
        self.init(target: target, plan: plan, timeout: timeout, tls: .success(tlsContext), dataTerminationTimeout: dataTerminationTimeout)
    }

    private init(
        target: ProbeTarget, plan: SMTPClientPlan, timeout: TimeAmount, tls: Result<NIOSSLContext, TLSSetupError>,
        dataTerminationTimeout: TimeAmount?
    ) {
        self.target = target
        self.plan = plan
        self.timeout = timeout
        self.tls = tls
        self.dataTerminationTimeout = dataTerminationTimeout ?? timeout
    }

    public func run(redactor: SecretRedactor, observer: (@Sendable (Transcript.Entry) -> Void)? = nil) async -> (
        outcome: ProbeOutcome, transcript: Transcript
    ) {
        var transcript = Transcript(redactor: redactor, observer: observer)
        transcript.append(.info, "trying \(target.display) (TLS: \(plan.tls.rawValue))")
        let sslContext: NIOSSLContext?
        do {
            sslContext = plan.tls == .none ? nil : try tls.get()
        } catch {
            var outcome = ProbeOutcome()
            outcome.stages.append(StageResult(stage: .tls, status: .tlsFailed, detail: "could not set up TLS: \(error.description)"))
            transcript.append(.error, "tls: could not set up TLS: \(error.description)")
            return (outcome, transcript)
        }
        let host = target.host
        let serverName = tlsServerName ?? (HTTPSPost.isIPAddress(host) ? nil : host)
        // What BoringSSL checked, so a failure can say which check failed.
        let witness = CertificateWitness()
        let makeTLS: @Sendable () throws -> NIOSSLClientHandler = {
            guard let sslContext else { throw NIOSSLError.noCertificateToValidate }
            return try (WatchedTLSHandler.self as WatchedTLSHandlerMaking.Type).make(
                context: sslContext, serverHostname: serverName, witness: witness)
        }
        let expectedName = serverName ?? host
        let advice = serverNameAdvice
        let legacy = legacyMaximum
        let describeTLSFailure: @Sendable (Error) -> String = { error in
            TLSFailure.classify(error, expectedName: expectedName, seen: witness.seen, failed: witness.failed, legacyMaximum: legacy)
                .sentence(serverNameAdvice: advice)
        }
        // A name given with --tls-server-name must be in the certificate: NIOSSL also accepts a
        // certificate that lists only the address connected to.
        let strictName = tlsServerName
        let checkServerName: @Sendable () -> String? = {
            guard let name = strictName, let leaf = witness.seen.last, !TLSFailure.certificate(leaf, names: name) else { return nil }
            return TLSFailure.nameMismatch(expected: name, certificateNames: TLSFailure.names(of: leaf)).sentence(serverNameAdvice: advice)
        }
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.any().makePromise(of: SMTPClientHandler.Result.self)
        let plan = self.plan
        let timeout = self.timeout
        let dataTimeout = dataTerminationTimeout
        let startTranscript = transcript
        let bootstrap = SMTPClientPipeline.bootstrap(timeout: timeout, tls: plan.tls, makeTLS: makeTLS) {
            SMTPClientHandler(
                plan: plan, transcript: startTranscript, timeout: timeout, dataTerminationTimeout: dataTimeout, promise: promise,
                makeTLSHandler: makeTLS, describeTLSFailure: describeTLSFailure, checkServerName: checkServerName)
        }
        do {
            _ = try await bootstrap.connect(host: host, port: target.port).get()
        } catch {
            promise.fail(error)
            var outcome = ProbeOutcome()
            let (timedOut, detail) = ConnectFailure.describe(error, host: host, port: target.port)
            outcome.stages.append(StageResult(stage: .connect, status: timedOut ? .timedOut : .unreachable, detail: detail))
            transcript.append(.error, "connect: \(detail)")
            return (outcome, transcript)
        }
        do {
            let result = try await promise.futureResult.get()
            return (result.outcome, result.transcript)
        } catch {
            var outcome = ProbeOutcome()
            outcome.stages.append(StageResult(stage: .connect, status: .protocolError, detail: "\(error)"))
            return (outcome, transcript)
        }
    }
}
