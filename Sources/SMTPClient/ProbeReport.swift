import SMTP

/// What `authshift probe --format json` prints (schema `authshift.probe/1`) and what the text
/// rendering reads: the target, how authentication was attempted, each stage's result, the
/// redacted transcript, the exit status and, for a failure reply, its explanation.
public struct ProbeReport: Sendable, Codable {
    public struct Authentication: Sendable, Codable {
        public var mechanism: String
        public var user: String
        /// For XOAUTH2: where the token came from ("client secret", "certificate PS256 ...").
        public var tokenSource: String?
        public var tokenEndpoint: String?

        public init(mechanism: String, user: String, tokenSource: String? = nil, tokenEndpoint: String? = nil) {
            self.mechanism = mechanism
            self.user = user
            self.tokenSource = tokenSource
            self.tokenEndpoint = tokenEndpoint
        }
    }

    public var schema = "authshift.probe/1"
    public var target: ProbeTarget
    public var tls: SMTPClientPlan.TLSMode
    public var quitAfter: ProbeStage
    public var authentication: Authentication?
    public var stages: [StageResult]
    public var capabilities: [String]
    public var transcript: [Transcript.Entry]
    public var exitStatus: Int32
    public var exitMeaning: String
    /// The explanation of the reply that failed the probe, when it was a server reply.
    public var explanation: ReplyExplanation?

    public init(target: ProbeTarget, plan: SMTPClientPlan, authentication: Authentication?, outcome: ProbeOutcome, transcript: Transcript) {
        self.target = target
        tls = plan.tls
        quitAfter = plan.quitAfter
        self.authentication = authentication
        stages = outcome.stages
        capabilities = outcome.capabilities.summary
        self.transcript = transcript.entries
        let status = ProbeExitStatus(outcome: outcome)
        exitStatus = status.rawValue
        exitMeaning = status.meaning
        if let reply = outcome.failure?.reply, !reply.isPositiveCompletion {
            explanation = ReplyExplainer.explain(reply.wireLines.joined(separator: "\n"))
        }
    }

    /// A report for a probe that stopped before connecting (no token).
    public init(target: ProbeTarget, plan: SMTPClientPlan, authentication: Authentication?, tokenFailure: String, transcript: Transcript) {
        self.target = target
        tls = plan.tls
        quitAfter = plan.quitAfter
        self.authentication = authentication
        stages = [StageResult(stage: .auth, status: .refused, detail: tokenFailure)]
        capabilities = []
        self.transcript = transcript.entries
        exitStatus = ProbeExitStatus.token.rawValue
        exitMeaning = ProbeExitStatus.token.meaning
    }

    /// The swaks-like transcript followed by one line per stage.
    public var text: String {
        transcript.map { $0.line + "\n" }.joined() + summary
    }

    /// One line per stage and the exit status (what follows a transcript printed live).
    public var summary: String {
        var lines = [""]
        for stage in stages {
            let mark = stage.status == .passed ? "ok  " : "FAIL"
            var line = "\(mark) \(stage.stage.rawValue)"
            if stage.status != .passed { line += " (\(stage.status.rawValue))" }
            if let detail = stage.detail, stage.status != .passed { line += ": \(detail)" }
            lines.append(line)
        }
        lines.append("exit status \(exitStatus): \(exitMeaning)")
        return lines.joined(separator: "\n") + "\n"
    }
}
