import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import OAuth
import SMTP

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

    struct TLSSetupError: Error { let description: String }

    /// - Parameters:
    ///   - trustRoots: extra trust anchors for the server's certificate (a test CA, a relay's CA).
    ///   - maximumTLSVersion: the highest version to offer, to imitate a device that only speaks
    ///     TLS 1.0 or 1.1 (smtp.office365.com refuses it; smtp-legacy.office365.com takes it).
    public init(target: ProbeTarget, plan: SMTPClientPlan, timeout: TimeAmount = .seconds(30), trustRoots: [NIOSSLCertificate] = [],
                minimumTLSVersion: TLSVersion = .tlsv12, maximumTLSVersion: TLSVersion? = nil, dataTerminationTimeout: TimeAmount? = nil) {
        let tls: Result<NIOSSLContext, TLSSetupError>
        do { tls = .success(try ClientTLS.context(trustRoots: trustRoots, minimum: minimumTLSVersion, maximum: maximumTLSVersion)) } catch {
            tls = .failure(TLSSetupError(description: "\(error)"))
        }
        self.init(target: target, plan: plan, timeout: timeout, tls: tls, dataTerminationTimeout: dataTerminationTimeout)
    }

    /// With a context built once by the caller (`ClientTLS.context`).
    public init(target: ProbeTarget, plan: SMTPClientPlan, timeout: TimeAmount, tlsContext: NIOSSLContext, dataTerminationTimeout: TimeAmount? = nil) {
        self.init(target: target, plan: plan, timeout: timeout, tls: .success(tlsContext), dataTerminationTimeout: dataTerminationTimeout)
    }

    private init(target: ProbeTarget, plan: SMTPClientPlan, timeout: TimeAmount, tls: Result<NIOSSLContext, TLSSetupError>, dataTerminationTimeout: TimeAmount?) {
        self.target = target
        self.plan = plan
        self.timeout = timeout
        self.tls = tls
        self.dataTerminationTimeout = dataTerminationTimeout ?? timeout
    }

    public func run(redactor: SecretRedactor, observer: (@Sendable (Transcript.Entry) -> Void)? = nil) async -> (outcome: ProbeOutcome, transcript: Transcript) {
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
        let serverName = HTTPSPost.isIPAddress(host) ? nil : host
        let makeTLS: @Sendable () throws -> NIOSSLClientHandler = {
            guard let sslContext else { throw NIOSSLError.noCertificateToValidate }
            return try NIOSSLClientHandler(context: sslContext, serverHostname: serverName)
        }
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.any().makePromise(of: SMTPClientHandler.Result.self)
        let plan = self.plan
        let timeout = self.timeout
        let dataTimeout = dataTerminationTimeout
        let startTranscript = transcript
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let ops = channel.pipeline.syncOperations
                    if plan.tls == .implicit { try ops.addHandler(try makeTLS()) }
                    try ops.addHandler(ByteToMessageHandler(SMTPResponseDecoder()))
                    try ops.addHandler(MessageToByteHandler(SMTPCommandEncoder()))
                    try ops.addHandler(SMTPClientHandler(plan: plan, transcript: startTranscript, timeout: timeout, dataTerminationTimeout: dataTimeout, promise: promise, makeTLSHandler: makeTLS))
                }
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
